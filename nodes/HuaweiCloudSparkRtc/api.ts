import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, ProviderApi, ProviderFailure } from '../shared/http';
import { apiRequest } from '../shared/http';

export const CREDENTIAL_TYPE = 'huaweiCloudApi';

/** Documented recording events for notify_event_subscription. */
export const SUBSCRIBABLE_EVENTS = {
	RECORD_NEW_FILE_START: 'Recording File Started',
	RECORD_FILE_COMPLETE: 'Recording File Complete',
} as const;

/** Event types a recording callback carries (CLOUD_RECORD_SERVER_OVER cannot be subscribed separately). */
export const RECORDING_EVENTS = {
	...SUBSCRIBABLE_EVENTS,
	CLOUD_RECORD_SERVER_OVER: 'Cloud Recording Job Ended',
} as const;

/** The job-ended event; one documentation example spells it CLOUD_RECORD_OVER, read as the same. */
export const JOB_ENDED = 'CLOUD_RECORD_SERVER_OVER';

/** An event type as the trigger selects and names it (CLOUD_RECORD_OVER → CLOUD_RECORD_SERVER_OVER). */
export function canonicalEventType(eventType: string): string {
	return eventType === 'CLOUD_RECORD_OVER' ? JOB_ENDED : eventType;
}

const HINTS: Record<string, string> = {
	'RTC.00001001': 'The request carries no account (DomainID): check the credential.',
	'RTC.00001002': 'SparkRTC could not read the request body.',
	'RTC.00001003': 'A parameter is invalid, or the app ID does not exist.',
	'RTC.00001005': 'A required parameter is missing.',
	'RTC.00001016': 'The SparkRTC app is stopped (for example, arrears).',
	'RTC.00001018': 'SparkRTC cannot use this callback URL.',
};

export const rtcApi: ProviderApi = {
	credentialType: CREDENTIAL_TYPE,
	label: 'Huawei Cloud SparkRTC',
	readFailure(body: unknown): ProviderFailure | undefined {
		if (!body || typeof body !== 'object')
			return typeof body === 'string' && body ? { text: body } : undefined;
		const b = body as IDataObject;
		if (b.error_code || b.error_msg)
			return { code: b.error_code as string, text: b.error_msg as string };
		return undefined;
	},
	hint(status, failure) {
		if (failure?.code?.startsWith('APIGW.')) {
			return 'The API gateway refused the request signature or token: check the AK/SK (and the clock of the n8n host), the security token, or the IAM token.';
		}
		if (failure?.code && HINTS[failure.code]) return HINTS[failure.code];
		if (status === 404) return 'The app ID does not exist.';
		if (status === 401 || status === 403)
			return 'Authentication failed: check the Huawei Cloud API credential.';
		return undefined;
	},
};

export interface RecordCallback extends IDataObject {
	url?: string;
	auth_key?: string;
	notify_event_subscription?: string[];
	update_time?: string;
}

const path = (appId: string) => `/v2/apps/${encodeURIComponent(appId)}/record-callback`;

export async function getRecordCallback(ctx: ApiContext, appId: string): Promise<RecordCallback> {
	const response = await apiRequest<IDataObject>(ctx, rtcApi, 'Get recording callback', {
		method: 'GET',
		url: path(appId),
		headers: { 'Content-Type': 'application/json' },
	});
	return ((response?.record_callback as RecordCallback | undefined) ?? {}) as RecordCallback;
}

export interface RecordCallbackUpdate {
	url: string;
	authKey?: string;
	events?: string[];
}

export async function updateRecordCallback(
	ctx: ApiContext,
	appId: string,
	update: RecordCallbackUpdate,
): Promise<RecordCallback> {
	const body: IDataObject = { url: update.url };
	if (update.authKey !== undefined) body.auth_key = update.authKey;
	if (update.events !== undefined) body.notify_event_subscription = update.events;
	const response = await apiRequest<IDataObject>(ctx, rtcApi, 'Update recording callback', {
		method: 'PUT',
		url: path(appId),
		headers: { 'Content-Type': 'application/json;charset=utf-8' },
		body,
	});
	return ((response?.record_callback as RecordCallback | undefined) ?? body) as RecordCallback;
}

/** A configuration as returned to users: the auth key is never echoed, only whether one is set. */
export function describeCallback(appId: string, config: RecordCallback): IDataObject {
	const { auth_key: authKey, ...rest } = config;
	return { appId, configured: Boolean(config.url), ...rest, authKeySet: Boolean(authKey) };
}
