import { AppError } from '../errors';
import { parseReportJson } from '../report/json';
import type { Report } from '../report/types';
import { ImportError } from './errors';

/** nianbao's own export: validated by the report's draft schema, imported as is. */
export function readJson(text: string): Report {
  try {
    return parseReportJson(text);
  } catch (e) {
    if (e instanceof AppError) throw new ImportError(e.message);
    throw e;
  }
}
