/**
 * One line per command for `stalkerbench --help`. Kept apart from the commands so that the overview
 * prints without loading them (`run` alone pulls in WebdriverIO); each command's own `summary` is
 * taken from here, so the two cannot drift.
 */
export const COMMAND_SUMMARIES = {
  'inspect-apk': 'print package, components, signer certificates and hashes of APK files',
  identify: 'match APKs against stalkerware-indicators by package and signing certificate',
  validate: 'check a round and every file it names (schemas, references, SHA-256 pins, packages)',
  run: 'run a test round on emulators (or phones) and record one outcome per case',
  report: 'render a round\'s report (HTML, Markdown, CSV, JUnit, JSON) from its result folder',
  compare: 'compare two rounds: regressions, new detections, alert and version changes',
  devices: 'list device profiles, their AVDs, and attached devices',
  ingest: 'take in a folder of sample files: identify, match the indicators, write or update a catalogue',
  plan: 'write a round\'s test plan (plan.md, plan.json) and its SHA-256, to publish before testing',
  keygen: 'make the lab\'s Ed25519 key pair for signing publications (private key mode 0600)',
  publish: 'seal a finished round folder: SHA-256 manifest of every file, signed with the lab\'s key',
  verify: 'check a published round folder: signature, then every file changed, added or removed',
  'review-pack': 'write one vendor\'s review pack (folder and zip): only its cases, evidence and report',
  'serve-round': 'coordinate a round across hosts: one job per case in Redis (BullMQ), the only writer of its folder',
  worker: 'run the cases of a served round on this host\'s emulators, fetching APKs by SHA-256',
  'inspect-ui': 'print a running device\'s screen as a tree, with the flow selector that finds each element',
  'try-flow': 'run one flow of a product profile on a running device, step by step, without a round',
  'new-product': 'scaffold a product profile from an APK (identity, permissions, special accesses, TODOs to fill)',
} as const;

export type CommandName = keyof typeof COMMAND_SUMMARIES;
