/**
 * The part of Node 24's built-in `node:sqlite` the key index uses. The project pins
 * @types/node 20 (upgrading it is out of scope), which has no declarations for the module.
 */
declare module 'node:sqlite' {
  type SQLInputValue = null | number | bigint | string | Buffer | Uint8Array;
  interface StatementResultingChanges {
    changes: number | bigint;
    lastInsertRowid: number | bigint;
  }
  export class StatementSync {
    run(...params: SQLInputValue[]): StatementResultingChanges;
    get(...params: SQLInputValue[]): unknown;
    all(...params: SQLInputValue[]): unknown[];
  }
  export class DatabaseSync {
    constructor(path: string, options?: { open?: boolean; readOnly?: boolean });
    readonly isOpen: boolean;
    exec(sql: string): void;
    prepare(sql: string): StatementSync;
    close(): void;
  }
}
