export { buildPlan, PLAN_FORMAT } from './build-plan.ts';
export type { Plan, PlanInput, PlanProduct, PlanFamily, PlanSampleHash, PlanDevices } from './build-plan.ts';
export { planCriteria } from './plan-criteria.ts';
export type { PlanCriteria } from './plan-criteria.ts';
export { renderPlanMarkdown } from './render-plan-markdown.ts';
export { serializePlan, writePlan, PLAN_FILES } from './write-plan.ts';
export type { SerializedPlan, PlanWrite } from './write-plan.ts';
