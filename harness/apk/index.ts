export { readApkIdentity, readApkIdentityFromBuffer, readApkSigningFromBuffer } from './read-apk-identity.ts';
export { readApkEntry, readApkEntryFromBuffer } from './read-apk-entry.ts';
export type { ApkComponent, ApkIdentity, ApkSigning, ComponentKind, SigningCertificate } from './types.ts';
