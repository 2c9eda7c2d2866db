import { AppError } from '../errors';

/**
 * An upload the importer cannot read: wrong type, too large, damaged, encrypted, or not a
 * report at all. Code 'INVALID' (HTTP 400); the message is plain Chinese for the user.
 */
export class ImportError extends AppError {
  constructor(message: string, details?: unknown) {
    super('INVALID', message, details);
    this.name = 'ImportError';
  }
}
