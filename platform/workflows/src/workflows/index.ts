// Entry point of the workflow bundle: every exported function is a registered workflow type.
export { healthCheck } from './health-check.workflow';
export { processWorkflow } from './process.workflow';
