/** The generated reports live in lib/report/generate.ts (the province demo seeds them too). */
export * from '../../lib/report/generate';
