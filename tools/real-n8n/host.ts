/**
 * A real n8n for end-to-end tests and the demo: installs this package the way n8n installs a
 * community package, starts n8n (cached install from scripts/e2e/install-n8n.mjs), and drives it
 * through its REST API (owner set-up, login, credentials, workflows, activation, executions).
 * Loopback only.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
	existsSync,
	createWriteStream,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..').replace(/\/build\/test-tools$/, '');
export const PACKAGE_NAME = 'n8n-nodes-meeting-events';

export interface N8nInstall {
	n8nDir: string;
	nodeBin: string;
	version: string;
	line: number;
}

/** Installs (or reuses) the pinned n8n of a line, or `version` of it, via the project's install script. */
export function installN8n(line: 1 | 2, version?: string): N8nInstall {
	const out = execFileSync(
		process.execPath,
		[join(ROOT, 'scripts', 'e2e', 'install-n8n.mjs'), String(line), ...(version ? [version] : [])],
		{
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
			maxBuffer: 64 * 1024 * 1024,
		},
	);
	return JSON.parse(out.trim().split('\n').pop()!) as N8nInstall;
}

/**
 * What the main e2e suite runs on: each line of N8N_E2E_LINES at its pin, and the newest release of
 * the line when it differs and installed (scripts/e2e/install-n8n.mjs targets).
 */
export function e2eTargets(): Array<{ line: 1 | 2; version: string }> {
	const out = execFileSync(
		process.execPath,
		[join(ROOT, 'scripts', 'e2e', 'install-n8n.mjs'), 'targets'],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return JSON.parse(out.trim().split('\n').pop()!);
}

/**
 * Puts the built package (or `packageDir`, e.g. the bench's fixture) where n8n's community-package
 * installer puts it: `npm pack`, untar into <user folder>/.n8n/nodes/node_modules/<name>, drop
 * dev/peer/optional dependencies, `npm install --ignore-scripts` there (runtime dependencies only:
 * none).
 */
export function installPackageInto(userFolder: string, packageDir = ROOT): string {
	const name = (
		JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string }
	).name;
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', name);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(target, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		writeFileSync(
			join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2),
		);
	}
	const packDir = mkdtempSync(join(tmpdir(), 'pack-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
				cwd: packageDir,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		)[0] as { filename: string; version: string };
		execFileSync('tar', [
			'xzf',
			join(packDir, packed.filename),
			'-C',
			target,
			'--strip-components=1',
		]);
		const pkgPath = join(target, 'package.json');
		const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
		delete pkg.devDependencies;
		delete pkg.peerDependencies;
		delete pkg.optionalDependencies;
		writeFileSync(pkgPath, JSON.stringify(pkg, null, 2));
		execFileSync(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--install-strategy=shallow',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{
				cwd: target,
				stdio: ['ignore', 'ignore', 'inherit'],
			},
		);
		const nodesPkg = JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8'));
		nodesPkg.dependencies = { ...(nodesPkg.dependencies ?? {}), [name]: packed.version };
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify(nodesPkg, null, 2));
		return target;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
}

export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface N8nProcess {
	baseUrl: string;
	port: number;
	userFolder: string;
	logFile: string;
	child: ChildProcess;
	stop(): Promise<void>;
	/** Sends `signal` to n8n and every process it started (its task runners): a crash with SIGKILL. */
	kill(signal: NodeJS.Signals): void;
}

export interface StartOptions {
	userFolder: string;
	port: number;
	env?: Record<string, string>;
	logFile?: string;
	/** Inherit stdout/stderr (the demo) instead of writing them to the log file. */
	inheritOutput?: boolean;
	/** `start` (a main, the default), or a queue-mode `webhook` processor or `worker`. */
	command?: 'start' | 'webhook' | 'worker';
}

/** When a process is ready: a main answers its REST API, a webhook processor /healthz, a worker logs it. */
async function ready(command: string, baseUrl: string, logFile: string): Promise<boolean> {
	if (command === 'worker')
		return existsSync(logFile) && readFileSync(logFile, 'utf8').includes('n8n worker is now ready');
	const res = await fetch(`${baseUrl}${command === 'webhook' ? '/healthz' : '/rest/settings'}`, {
		signal: AbortSignal.timeout(5000),
	});
	// During start-up a main answers 200 "n8n is starting up"; ready means JSON settings.
	return (
		res.status === 200 &&
		(command === 'webhook' || (res.headers.get('content-type') ?? '').includes('json'))
	);
}

/** Starts n8n and waits until its REST API answers (bounded: 180 s). */
export async function startN8n(install: N8nInstall, options: StartOptions): Promise<N8nProcess> {
	const baseUrl = `http://127.0.0.1:${options.port}`;
	const logFile = options.logFile ?? join(options.userFolder, 'n8n.log');
	const env: Record<string, string> = {
		...(process.env as Record<string, string>),
		N8N_USER_FOLDER: options.userFolder,
		N8N_PORT: String(options.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'info',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		// Its own task-broker port (n8n's default, 5679, is taken by any other n8n on this host).
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_PUBLIC_API_DISABLED: 'false',
		PATH: `${join(install.nodeBin, '..')}:${process.env.PATH ?? ''}`,
		...(options.env ?? {}),
	};
	// Jest sets NODE_ENV=test, with which n8n exits silently at start-up.
	for (const name of Object.keys(env))
		if (name === 'NODE_OPTIONS' || name === 'NODE_ENV' || name.startsWith('JEST')) delete env[name];
	const out = options.inheritOutput ? 'inherit' : createWriteStream(logFile);
	const command = options.command ?? 'start';
	const child = spawn(
		install.nodeBin,
		[join(install.n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'), command],
		{
			env,
			stdio: options.inheritOutput ? 'inherit' : ['ignore', 'pipe', 'pipe'],
			// Its own process group, so that a crash test can kill n8n with its task runners at once.
			detached: !options.inheritOutput,
		},
	);
	const kill = (signal: NodeJS.Signals) => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		try {
			if (child.pid !== undefined && !options.inheritOutput) process.kill(-child.pid, signal);
			else child.kill(signal);
		} catch {
			child.kill(signal);
		}
	};
	if (out !== 'inherit') {
		child.stdout?.pipe(out);
		child.stderr?.pipe(out);
	}
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		kill('SIGTERM');
		for (let i = 0; i < 60 && child.exitCode === null && child.signalCode === null; i++)
			await sleep(500);
		if (child.exitCode === null && child.signalCode === null) kill('SIGKILL');
	};
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (child.exitCode !== null)
			throw new Error(`n8n exited with code ${child.exitCode}; see ${logFile}`);
		try {
			if (await ready(command, baseUrl, logFile)) break;
		} catch {
			// not up yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n did not answer within 180 s; see ${logFile}`);
		}
		await sleep(1000);
	}
	return {
		baseUrl,
		port: options.port,
		userFolder: options.userFolder,
		logFile,
		child,
		stop,
		kill,
	};
}

const BROWSER_ID = 'n8n-nodes-meeting-events-e2e';

/** n8n's internal REST API as the editor uses it (cookie session). */
export class N8nRest {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'Content-Type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { Cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = res.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
		let json: any;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			throw new Error(
				`${method} ${path} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`,
			);
		}
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	/** Creates the owner on a fresh instance, or logs in. */
	async login(email = 'owner@example.com', password = 'E2e-Owner-Passw0rd'): Promise<void> {
		try {
			await this.request('POST', '/rest/owner/setup', {
				email,
				firstName: 'E2E',
				lastName: 'Owner',
				password,
			});
		} catch {
			await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, email, password });
		}
	}

	async createCredential(
		name: string,
		type: string,
		data: Record<string, unknown>,
	): Promise<{ id: string; name: string }> {
		return await this.request('POST', '/rest/credentials', { name, type, data });
	}

	async createWorkflow(
		workflow: Record<string, unknown>,
	): Promise<{ id: string; versionId?: string; [k: string]: unknown }> {
		return await this.request('POST', '/rest/workflows', { ...workflow, active: false });
	}

	async setActive(line: number, id: string, active: boolean): Promise<void> {
		if (line >= 2) {
			const wf = await this.request<{ versionId?: string }>('GET', `/rest/workflows/${id}`);
			await this.request(
				'POST',
				`/rest/workflows/${id}/${active ? 'activate' : 'deactivate'}`,
				active ? { versionId: wf.versionId } : {},
			);
		} else {
			const wf = await this.request<{ versionId?: string }>('GET', `/rest/workflows/${id}`);
			await this.request('PATCH', `/rest/workflows/${id}`, { active, versionId: wf.versionId });
		}
	}

	async executions(
		workflowId: string,
	): Promise<Array<{ id: string; status: string; mode: string }>> {
		const data = await this.request<any>(
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`,
		);
		const list = Array.isArray(data) ? data : (data?.results ?? []);
		return list.map((e: any) => ({ id: String(e.id), status: e.status, mode: e.mode }));
	}
}

/** Polls `check` every `intervalMs` until it returns a truthy value (bounded). */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T> | T,
	timeoutMs = 60_000,
	intervalMs = 500,
): Promise<Exclude<T, undefined | null | false | '' | 0>> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value as Exclude<T, undefined | null | false | '' | 0>;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline)
			throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
		await sleep(intervalMs);
	}
}
