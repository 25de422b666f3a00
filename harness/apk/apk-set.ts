/**
 * Split APK sets: a base APK and its config/feature splits, installed together with
 * `adb install-multiple`. The set is checked before any install with the rules Android applies when
 * it commits a session (PackageInstallerSession.validateApkInstallLocked → assertApkConsistentLocked,
 * frameworks/base services/core/java/com/android/server/pm/PackageInstallerSession.java), so a set
 * Android would refuse is refused here with the file named, before anything reaches a device.
 */
import { HarnessError } from '../errors/index.ts';
import { readApkIdentityFromBuffer } from './read-apk-identity.ts';
import type { ApkIdentity } from './types.ts';

/** One APK of a set, read from its bytes. */
export interface ApkSetMember {
  /** File name as installed (`base.apk`, `split_config.xxhdpi.apk` in an .apks; the file's name otherwise). */
  name: string;
  /** How errors and evidence name it: a path, or `archive.apks!splits/base-master.apk`. */
  label: string;
  bytes: Buffer;
  identity: ApkIdentity;
}

export interface ApkSet {
  base: ApkSetMember;
  /** In the order given. */
  splits: ApkSetMember[];
}

/** The most APKs one set may hold; bundletool's largest sets (every density × ABI × language) stay below it. */
export const MAX_SET_APKS = 64;

const SET_HINT = 'build the set again from one bundle (bundletool build-apks, or base + splits of one build signed with one key); a set Android refuses never installs';

/**
 * Reads every APK of a set and checks it is one app: exactly one base (no `split` attribute), unique split
 * names, one package, one versionCode, the same signing certificates. In Android's words: "Split X was
 * defined multiple times", "package P inconsistent with Q", "version code N inconsistent with M",
 * "signatures are inconsistent", "Full install must include a base package".
 * @throws HarnessError APK_INVALID naming the file and the rule; whatever reading one APK throws
 */
export function readApkSet(files: ReadonlyArray<{ name: string; label: string; bytes: Buffer }>, setLabel: string): ApkSet {
  if (files.length === 0) throw new HarnessError('APK_INVALID', `${setLabel} holds no APK`, { hint: SET_HINT });
  if (files.length > MAX_SET_APKS) {
    throw new HarnessError('APK_INVALID', `${setLabel} holds ${files.length} APKs, more than the ${MAX_SET_APKS} of one split set`, { hint: SET_HINT });
  }
  const names = new Map<string, string>();
  for (const file of files) {
    // adb install-multiple takes only *.apk arguments and writes each under its base name: two files of one
    // name would overwrite each other in the session (PackageInstallerSession.doWriteInternal opens without O_EXCL).
    if (!file.name.toLowerCase().endsWith('.apk')) {
      throw new HarnessError('APK_INVALID', `${setLabel}: ${file.label} does not end in .apk; adb install-multiple takes only .apk files`, { hint: 'rename the file to end in .apk and pin it again' });
    }
    const other = names.get(file.name);
    if (other !== undefined) {
      throw new HarnessError('APK_INVALID', `${setLabel}: ${file.label} and ${other} have the same file name ${file.name}; the device would keep only one of them`, { hint: 'give every APK of the set its own file name' });
    }
    names.set(file.name, file.label);
  }
  const members = files.map((file) => ({ ...file, identity: readApkIdentityFromBuffer(file.bytes, file.label) }));
  const bases = members.filter((member) => member.identity.splitName === undefined);
  if (bases.length === 0) {
    throw new HarnessError('APK_INVALID', `${setLabel}: no base APK (every APK declares a split: ${members.map((m) => `${m.label} is split ${m.identity.splitName ?? ''}`).join(', ')}); Android refuses it: "Full install must include a base package"`, { hint: SET_HINT });
  }
  if (bases.length > 1) {
    throw new HarnessError('APK_INVALID', `${setLabel}: ${bases.length} base APKs (${bases.map((m) => m.label).join(', ')}); a set has exactly one APK without a split name`, { hint: SET_HINT });
  }
  const base = bases[0]!;
  const seen = new Map<string, string>();
  const baseCerts = certificatesOf(base.identity);
  for (const member of members) {
    if (member === base) continue;
    const split = member.identity.splitName!;
    const earlier = seen.get(split);
    if (earlier !== undefined) {
      throw new HarnessError('APK_INVALID', `${setLabel}: ${member.label} and ${earlier} are both split ${split}; Android refuses it: "Split ${split} was defined multiple times"`, { hint: SET_HINT });
    }
    seen.set(split, member.label);
    const tag = `${setLabel}: ${member.label}`;
    if (member.identity.packageName !== base.identity.packageName) {
      throw new HarnessError('APK_INVALID', `${tag} is package ${member.identity.packageName}, its base ${base.label} is ${base.identity.packageName}; Android refuses it: "package ${member.identity.packageName} inconsistent with ${base.identity.packageName}"`, { hint: SET_HINT });
    }
    if (member.identity.versionCode !== base.identity.versionCode) {
      throw new HarnessError('APK_INVALID', `${tag} has versionCode ${member.identity.versionCode}, its base ${base.label} ${base.identity.versionCode}; Android refuses it: "version code ${member.identity.versionCode} inconsistent with ${base.identity.versionCode}"`, { hint: SET_HINT });
    }
    if (certificatesOf(member.identity) !== baseCerts) {
      throw new HarnessError('APK_INVALID', `${tag} is signed by other certificates than its base ${base.label}; Android refuses it: "signatures are inconsistent"`, { hint: SET_HINT });
    }
  }
  return { base, splits: members.filter((member) => member !== base) };
}

/** Android's `signaturesMatchExactly`: the same set of signer certificates. */
function certificatesOf(identity: ApkIdentity): string {
  return identity.signing.certificates.map((cert) => cert.sha256.toLowerCase()).sort().join(',');
}

/** The name PackageInstallerSession gives a staged APK: `base.apk`, or `split_<name>.apk`. */
export function installedNameOf(identity: ApkIdentity): string {
  return identity.splitName === undefined ? 'base.apk' : `split_${identity.splitName}.apk`;
}
