/** The demo data an empty installation starts with. */
export { DEMO_OPERATOR, DEMO_SUBSCRIBER, type DemoSeedResult, seedDemoIfEmpty } from './seed-demo.ts';
