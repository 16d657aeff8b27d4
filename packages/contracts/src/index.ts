// Request and response schemas shared by the server (validation, serialization, OpenAPI) and the
// web app (static types), with the limits and rules both sides apply. One source: nothing here is
// hand-copied on either side.

export * from './admin.ts';
export * from './auth.ts';
export * from './common.ts';
export * from './deliveries.ts';
export * from './errors.ts';
export * from './notification-actions.ts';
export * from './notifications.ts';
export * from './permissions.ts';
export * from './platform.ts';
export * from './product.ts';
export * from './stream.ts';
