export { createDeviceUi } from './device-ui.ts';
export type { SimulatedDeviceUi, UiEvent } from './simulated-device-ui.ts';
export { formatUiautomatorDump, formatActiveWindowDump, formatWindowsDump, escapeXmlAttribute, formatBounds } from './dump-xml.ts';
export { LAUNCHER_PACKAGE, LAUNCHER_ACTIVITY } from './launcher.ts';
export { SYSTEMUI_PACKAGE } from './system-bars.ts';
export type * from './screen-spec.ts';
export type * from './contracts.ts';
