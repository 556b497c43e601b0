export * from './contract';
export { createActivities, type ActivityDeps, type Activities } from './activities';
