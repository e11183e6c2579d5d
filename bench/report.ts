/**
 * What a bench run reports: results.json's content (each scenario adds its part) and the rows of
 * results.md's table (in the order the scenarios add them), with the helpers the scenarios share.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

export const results: IDataObject = {
	date: new Date().toISOString(),
	machine: `${require('node:os').cpus().length} cores, Node ${process.versions.node}`,
};
export const rows: string[][] = [];
export const log = (s: string) => process.stdout.write(`${s}\n`);
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const hmacHex = (key: string, data: string) =>
	createHmac('sha256', key).update(data).digest('hex');
