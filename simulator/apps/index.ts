export { attachAppRuntime } from './app-runtime.ts';
export type { AppRuntime } from './app-runtime.ts';
export { behaviourSchema, BEHAVIOUR_ENTRY } from './behaviour-schema.ts';
export type { Behaviour, DetectionRule, Effect } from './behaviour-schema.ts';
export { parseBehaviour, loadBehaviourFromApk } from './load-behaviour.ts';
export type { LoadedBehaviour } from './load-behaviour.ts';
export { APP_DELAY_SCALE_SETTING, FAST_APPS_SETTING } from './app-delays.ts';
