/** Acceptance (验机 / 验机回执): on-site inspection per serial, signed receipts, replacement requests. */
export * from './inspection/inspection.commands';
export * from './inspection/inspection.events';
export * from './inspection/inspection.state';
export { AcceptanceErrorCodes } from './inspection/inspection.errors';
export * from './inspection/inspection.decider';
