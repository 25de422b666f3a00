export { writeVirtualSdk, REPO_ROOT } from './write-virtual-sdk.ts';
export type { VirtualSdk, VirtualSdkOptions } from './write-virtual-sdk.ts';
export { formatAvdConfig, formatAvdIni, formatBuildProp, systemImageDir } from './avd-files.ts';
