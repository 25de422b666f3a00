export { startUiAutomator2Server, isAccessibilitySuppressed, UIAUTOMATOR2_PORT, UIAUTOMATOR2_LOG_TAG } from './server.ts';
export type { UiAutomator2ServerHandle } from './server.ts';
export { formatSourceXml } from './source-xml.ts';
