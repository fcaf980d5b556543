// One error type for everything the stack reports to a person: a one-sentence message, no stack trace.
export class StackError extends Error {
  /** @param {string} message @param {{ logFile?: string, exitCode?: number }} [info] */
  constructor(message, info = {}) {
    super(message);
    this.name = 'StackError';
    this.logFile = info.logFile;
    this.exitCode = info.exitCode ?? 1;
  }
}
