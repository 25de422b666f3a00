/** `grantSpecialAccess`: special access through Android's Settings screens or adb (flow step and sample setup). */
export { grantSpecialAccessSchema, SPECIAL_ACCESSES, GRANT_VIA, type GrantSpecialAccessArgs, type SpecialAccessName, type GrantVia } from './access-args.ts';
export { grantSpecialAccess, type GrantRuntime, type GrantRequest } from './grant.ts';
export type { Shell } from './device-state.ts';
export { appiumShell } from './appium-shell.ts';
