export { createVirtualDevice, VirtualAndroidDevice } from './create-virtual-device.ts';
export type { CreateVirtualDeviceOptions } from './create-virtual-device.ts';
export type { AndroidModel, DeviceEvents, RunningInstrumentation } from './android-model.ts';
export type { DeviceStateJson } from './device-state.ts';
export type { PackageRecord } from './package-record.ts';
export type * from './contracts.ts';
