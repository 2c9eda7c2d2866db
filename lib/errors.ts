/**
 * The one error type services throw. Route handlers and actions map the code to an HTTP status
 * (app/_lib/api.ts); the message is plain Chinese and safe to show the user.
 */
export type AppErrorCode = 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'RATE_LIMITED';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** What a caller may not see at all: the same answer as for what does not exist. */
export function notFound(what = '报告'): AppError {
  return new AppError('NOT_FOUND', `${what}不存在或您无权查看`);
}

/**
 * A start that would upgrade the database's structure could not first write its copy of the
 * database (lib/db/client.ts): nothing was migrated. For the operator's log and the command
 * line, not for a user's screen (it names server folders).
 */
export class MigrationBackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationBackupError';
  }
}
