import { link, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { tempPathFor, writeFileAtomic } from '../results/write-file-atomic.ts';
import type { ProcessIdentity } from './process-identity.ts';

/** The record of a running run in its round folder; removed when the run ends. */
export const RUNTIME_FILE = 'runtime.json';

const runtimeRecordSchema = z.object({
  schemaVersion: z.literal(1),
  runner: z.object({ pid: z.number().int().positive(), startTime: z.string(), bootId: z.string(), hostname: z.string(), startedAt: z.string() }).strict(),
  /** The round's HOME: every process the run starts has it as HOME. */
  home: z.string().optional(),
  /** The round's own adb server (emulator rounds; a round on phones uses the user's server). */
  adbServerPort: z.number().int().positive().optional(),
  appiumPort: z.number().int().positive().optional(),
  emulatorConsolePorts: z.array(z.number().int().positive()).default([]),
}).strict();

export type RuntimeRecord = z.infer<typeof runtimeRecordSchema>;
export type RuntimeFacts = Partial<Pick<RuntimeRecord, 'home' | 'adbServerPort' | 'appiumPort'>>;

/** The record in `folder`: absent, unreadable (kept as text), or valid. */
export async function readRuntimeRecord(folder: string): Promise<{ record: RuntimeRecord | undefined; text: string } | undefined> {
  const text = await readFile(join(folder, RUNTIME_FILE), 'utf8').catch((error: unknown) => {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { record: undefined, text };
  }
  const parsed = runtimeRecordSchema.safeParse(json);
  return { record: parsed.success ? parsed.data : undefined, text };
}

/**
 * Creates the record only if the folder has none (undefined when another run got there first), so
 * that two runs never both own a folder.
 */
export async function createRuntimeRecord(folder: string, runner: ProcessIdentity): Promise<RuntimeRecordFile | undefined> {
  const record: RuntimeRecord = { schemaVersion: 1, runner: { ...runner, startedAt: new Date().toISOString() }, emulatorConsolePorts: [] };
  try {
    await writeFileAtomic(join(folder, RUNTIME_FILE), serialise(record), { exclusive: true });
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  return new RuntimeRecordFile(folder, record);
}

/**
 * Moves a dead run's record out of the way, unless another run replaced it meanwhile (then it is
 * put back and false is returned).
 */
export async function retireRuntimeRecord(folder: string, expectedText: string): Promise<boolean> {
  const aside = tempPathFor(join(folder, RUNTIME_FILE));
  try {
    await rename(join(folder, RUNTIME_FILE), aside);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  if ((await readFile(aside, 'utf8')) !== expectedText) {
    await link(aside, join(folder, RUNTIME_FILE)).catch(() => undefined);
    await rm(aside, { force: true });
    return false;
  }
  await rm(aside, { force: true });
  return true;
}

/** This run's record: updated (atomically, in order) before each thing the run starts. */
export class RuntimeRecordFile {
  readonly #folder: string;
  #record: RuntimeRecord;
  #writes: Promise<void> = Promise.resolve();
  #removed = false;

  constructor(folder: string, record: RuntimeRecord) {
    this.#folder = folder;
    this.#record = record;
  }

  get record(): RuntimeRecord {
    return this.#record;
  }

  /** Records facts about what the run is about to start; resolves once the record is durable. */
  async update(facts: RuntimeFacts & { emulatorConsolePort?: number }): Promise<void> {
    const { emulatorConsolePort, ...rest } = facts;
    const ports = this.#record.emulatorConsolePorts;
    this.#record = {
      ...this.#record, ...rest,
      emulatorConsolePorts: emulatorConsolePort === undefined || ports.includes(emulatorConsolePort) ? ports : [...ports, emulatorConsolePort],
    };
    const text = serialise(this.#record);
    this.#writes = this.#writes.catch(() => undefined).then(async () => {
      if (!this.#removed) await writeFileAtomic(join(this.#folder, RUNTIME_FILE), text);
    });
    await this.#writes;
  }

  /** Removes the record once everything it names is stopped. */
  async remove(): Promise<void> {
    this.#removed = true;
    await this.#writes.catch(() => undefined);
    await rm(join(this.#folder, RUNTIME_FILE), { force: true });
  }
}

function serialise(record: RuntimeRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}
