import type { ChildProcess } from 'node:child_process';

export function startPreview(port: number): ChildProcess;
export function openWhenServed(
  page: { goto(url: string): Promise<unknown>; waitForSelector(selector: string, options: object): Promise<unknown> },
  port: number,
): Promise<void>;
