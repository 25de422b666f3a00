import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmod, link, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HarnessError } from '../errors/index.ts';
import { tempPathFor } from '../results/write-file-atomic.ts';
import { showName } from './escape-name.ts';

export interface WrittenKeyPair {
  privatePath: string;
  publicPath: string;
  fingerprint: string;
}

/**
 * The key's identity as manifests and `verify` show it: `sha256:` and the SHA-256 of the public
 * key's DER SubjectPublicKeyInfo, the same for the private key file and the public one.
 */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

/**
 * Writes `<name>.private.pem` (mode 0600) and `<name>.public.pem` in `dir`. An existing key is
 * never replaced: a lab that overwrote its signing key could no longer sign what it already
 * published under the old one. Each file is written whole to a temp file and hard-linked into
 * place, which fails if the name exists (O_EXCL semantics, without a half-written key on a crash).
 */
export async function writeKeyPair(dir: string, name: string): Promise<WrittenKeyPair> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name)) {
    throw new HarnessError('USAGE', `key name '${showName(name)}' is not a plain file name`, { hint: 'use letters, digits, dot, dash and underscore, e.g. `stalkerbench keygen lab-2026`' });
  }
  const privatePath = join(dir, `${name}.private.pem`);
  const publicPath = join(dir, `${name}.public.pem`);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await writeNewFile(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  try {
    await writeNewFile(publicPath, publicKey.export({ type: 'spki', format: 'pem' }).toString(), 0o644);
  } catch (error) {
    // Half a pair is no use: the private key just written has no public key beside it.
    await rm(privatePath, { force: true });
    throw error;
  }
  return { privatePath, publicPath, fingerprint: keyFingerprint(publicKey) };
}

async function writeNewFile(path: string, content: string, mode: number): Promise<void> {
  const temp = tempPathFor(path);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    // The umask may have taken bits away, never added: set the mode it must have.
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new HarnessError('KEY_EXISTS', `${showName(path)} exists already; keygen never overwrites a key`, {
        hint: 'choose another name, or move the old key pair away yourself if you really mean to replace it',
      });
    }
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
  await chmod(path, mode);
}

/** The lab's private Ed25519 key from a PEM file (PKCS #8). */
export async function readPrivateKey(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new HarnessError('KEY_INVALID', `${showName(path)} is not a private key in PEM form`, { cause: error, hint: 'pass the <name>.private.pem written by `stalkerbench keygen`' });
  }
  return requireEd25519(key, path);
}

/** A public Ed25519 key from a PEM file; a private key file is refused, so a reader never needs one. */
export async function readPublicKey(path: string): Promise<KeyObject> {
  const pem = await readKeyFile(path);
  if (pem.includes('PRIVATE KEY')) {
    throw new HarnessError('KEY_INVALID', `${showName(path)} holds a private key; verify takes the lab's public key`, { hint: 'pass the <name>.public.pem the lab published, and keep the private key to yourself' });
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new HarnessError('KEY_INVALID', `${showName(path)} is not a public key in PEM form`, { cause: error, hint: 'pass the <name>.public.pem written by `stalkerbench keygen`' });
  }
  return requireEd25519(key, path);
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessError('FILE_NOT_FOUND', `cannot read key file ${showName(path)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error, hint: 'check the --key path' });
  }
}

function requireEd25519(key: KeyObject, path: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new HarnessError('KEY_INVALID', `${showName(path)} is a ${key.asymmetricKeyType ?? 'symmetric'} key, not Ed25519`, { hint: 'make a key pair with `stalkerbench keygen <name>`' });
  }
  return key;
}
