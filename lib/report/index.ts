export * from './types';
export * from './cells';
export * from './blank';
export * from './schema';
export * from './json';
export * from './carry-over';
export * from './value-rows';
