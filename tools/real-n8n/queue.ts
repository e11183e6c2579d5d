/**
 * n8n's queue mode on this machine, from the project's own scripts: PostgreSQL and Redis from
 * Debian's packages (scripts/e2e/install-system.sh installs them when missing), run by us on free
 * loopback ports with data in a temporary folder (PostgreSQL as the `postgres` user, which it
 * requires), and the pinned n8n 2.x as a main, a webhook processor and a worker, each with the
 * package installed the way the community installer does.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { N8nInstall, N8nProcess } from './host';
import { freePort, installPackageInto, startN8n, waitFor } from './host';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Debian's PostgreSQL binaries (the newest installed major version). */
function postgresBin(): string {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
		: [];
	if (versions.length === 0)
		throw new Error(
			'PostgreSQL is not installed: run scripts/e2e/install-system.sh (npm test does)',
		);
	return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

/** Runs a command as the postgres user (PostgreSQL refuses to run as root). */
function asPostgres(args: string[], options: { stdio?: 'ignore' | 'inherit' } = {}): string {
	const isRoot = process.getuid?.() === 0;
	const [cmd, ...rest] = isRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
	return execFileSync(cmd, rest, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', options.stdio ?? 'pipe'],
	});
}

export interface Postgres {
	port: number;
	database: string;
	stop(): Promise<void>;
}

/** A throw-away PostgreSQL cluster on a free port, trust authentication on loopback only. */
export async function startPostgres(): Promise<Postgres> {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	chmodSync(dir, 0o777);
	const data = join(dir, 'data');
	mkdirSync(data);
	execFileSync('chown', ['-R', 'postgres:postgres', dir]);
	asPostgres([
		join(bin, 'initdb'),
		'-D',
		data,
		'-A',
		'trust',
		'-U',
		'postgres',
		'--no-sync',
		'-E',
		'UTF8',
	]);
	const port = await freePort();
	asPostgres([
		join(bin, 'pg_ctl'),
		'-D',
		data,
		'-l',
		join(dir, 'postgres.log'),
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
		'-w',
		'start',
	]);
	const database = 'n8n';
	asPostgres([
		join(bin, 'psql'),
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'postgres',
		'-c',
		`CREATE DATABASE ${database}`,
	]);
	return {
		port,
		database,
		async stop() {
			try {
				asPostgres([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}

export interface Redis {
	port: number;
	child: ChildProcess;
	stop(): Promise<void>;
	/** Stops Redis for a while (a fault), then starts it again on the same port. */
	pause(ms: number): Promise<void>;
}

async function ping(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(1000, () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('data', (d) => {
			socket.destroy();
			resolve(d.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
	});
}

export async function startRedis(port?: number): Promise<Redis> {
	const p = port ?? (await freePort());
	const launch = () =>
		spawn(
			'redis-server',
			['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			{ stdio: 'ignore' },
		);
	const redis: Redis = {
		port: p,
		child: launch(),
		async stop() {
			redis.child.kill('SIGTERM');
			for (
				let i = 0;
				i < 20 && redis.child.exitCode === null && redis.child.signalCode === null;
				i++
			)
				await sleep(100);
		},
		async pause(ms: number) {
			await redis.stop();
			await sleep(ms);
			redis.child = launch();
			await waitFor('Redis to answer again', () => ping(p), 30_000);
		},
	};
	await waitFor('Redis to answer', () => ping(p), 30_000);
	return redis;
}

export interface QueueN8n {
	main: N8nProcess;
	webhook: N8nProcess;
	worker: N8nProcess;
	/** The public URL of /webhook/* (the webhook processor), as N8N_WEBHOOK_URL says. */
	webhookBaseUrl: string;
	postgres: Postgres;
	redis: Redis;
	/** Restarts one process (same port, same folder), waiting until it is ready again. */
	restart(which: 'webhook' | 'worker'): Promise<void>;
	stop(): Promise<void>;
	logs(): string;
}

/**
 * Main + webhook processor + worker sharing PostgreSQL and Redis, each with its own user folder
 * holding the package (installed as n8n's community installer does), the same encryption key.
 */
export async function startQueueN8n(
	install: N8nInstall,
	options: { ports?: { main?: number; webhook?: number }; env?: Record<string, string> } = {},
): Promise<QueueN8n> {
	const postgres = await startPostgres();
	const redis = await startRedis();
	const mainPort = options.ports?.main ?? (await freePort());
	const webhookPort = options.ports?.webhook ?? (await freePort());
	const workerPort = await freePort();
	const webhookBaseUrl = `http://127.0.0.1:${webhookPort}`;
	const common: Record<string, string> = {
		EXECUTIONS_MODE: 'queue',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
		WEBHOOK_URL: `${webhookBaseUrl}/`,
		// The worker's health/metrics server, if ever enabled, must not take another process's port.
		QUEUE_HEALTH_CHECK_PORT: String(workerPort),
		...(options.env ?? {}),
	};
	const folders = { main: '', webhook: '', worker: '' };
	for (const name of Object.keys(folders) as Array<keyof typeof folders>) {
		folders[name] = mkdtempSync(join(tmpdir(), `n8n-queue-${name}-`));
		installPackageInto(folders[name]);
	}
	// Each process that runs code nodes starts a task broker: each its own port (default 5679).
	const brokerPorts = {
		main: await freePort(),
		webhook: await freePort(),
		worker: await freePort(),
	};
	const start = async (name: 'main' | 'webhook' | 'worker', port: number) =>
		await startN8n(install, {
			userFolder: folders[name],
			port,
			command: name === 'main' ? 'start' : name,
			env: {
				...common,
				N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
				N8N_RUNNERS_BROKER_PORT: String(brokerPorts[name]),
			},
		});
	// The main first: it runs the database migrations the others expect.
	const processes = {
		main: await start('main', mainPort),
		webhook: undefined as unknown as N8nProcess,
		worker: undefined as unknown as N8nProcess,
	};
	[processes.webhook, processes.worker] = await Promise.all([
		start('webhook', webhookPort),
		start('worker', workerPort),
	]);
	const ports = { webhook: webhookPort, worker: workerPort };
	const logsOf: Record<string, string[]> = { main: [], webhook: [], worker: [] };
	const { readFileSync } = await import('node:fs');
	const read = (p: N8nProcess) => (existsSync(p.logFile) ? readFileSync(p.logFile, 'utf8') : '');
	return {
		get main() {
			return processes.main;
		},
		get webhook() {
			return processes.webhook;
		},
		get worker() {
			return processes.worker;
		},
		webhookBaseUrl,
		postgres,
		redis,
		async restart(which) {
			logsOf[which].push(read(processes[which]));
			await processes[which].stop();
			processes[which] = await start(which, ports[which]);
		},
		async stop() {
			for (const p of [processes.worker, processes.webhook, processes.main]) await p?.stop();
			await redis.stop();
			await postgres.stop();
			for (const f of Object.values(folders)) rmSync(f, { recursive: true, force: true });
		},
		logs() {
			return (['main', 'webhook', 'worker'] as const)
				.map((n) => `${logsOf[n].join('')}${read(processes[n])}`)
				.join('\n');
		},
	};
}
