export * from './client';
export * from './environment';
export * from './errors';
export * from './http';
export * from './logger';
export * from './manifest';
export * from './paths';
export * from './request';
