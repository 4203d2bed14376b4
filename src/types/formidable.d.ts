/** The part of formidable 1.2 (express-formidable's parser) that src/organizations/panel-data.routes.ts uses. */
declare module 'formidable' {
  import type { EventEmitter } from 'node:events';
  import type { IncomingMessage } from 'node:http';

  export interface Part extends EventEmitter {
    name: string;
    filename?: string;
    mime?: string;
  }

  export default class IncomingForm extends EventEmitter {
    constructor(options?: { maxFields?: number; maxFieldsSize?: number; maxFileSize?: number; uploadDir?: string });
    onPart(part: Part): void;
    handlePart(part: Part): void;
    parse(request: IncomingMessage): this;
    pause(): boolean;
    resume(): boolean;
  }
}
