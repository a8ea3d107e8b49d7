/**
 * Work done in a child process so that the memory it needs is given back when it ends: a long-
 * lived server keeps the peak of anything it ever did (V8 and the allocator hold on to freed
 * pages), and the demo seed or a model training would otherwise stay in its resident memory for
 * good (docs/decisions/0016). The child's entry prints its outcome as its last line of JSON.
 */
import { spawn } from 'node:child_process';

/** Runs `entryFile` with the same Node and environment plus `env`; resolves with its JSON outcome. */
export function runInChildProcess(entryFile: string, env: Record<string, string>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entryFile], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0) return reject(new Error(`${entryFile} failed (exit ${code ?? signal})`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? 'null'));
      } catch {
        reject(new Error(`${entryFile} answered something unexpected: ${output.slice(0, 200)}`));
      }
    });
  });
}

/** In a child's entry: prints `outcome` as the line `runInChildProcess` resolves with. */
export function reportToParent(outcome: unknown): void {
  process.stdout.write(`${JSON.stringify(outcome ?? null)}\n`);
}
