import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, ProviderApi, ProviderFailure } from '../shared/http';
import { apiRequest, ensureNodeError } from '../shared/http';

export const CREDENTIAL_TYPE = 'huaweiCloudMeetingApi';

const LINK_CONFIG = '/v1/mmc/management/webhook/link-config';
const CHANGE_STATUS = '/v1/mmc/management/webhook/change-status';

/**
 * Event-push status codes, as the API reference and Huawei's SDK define them. The page titled
 * "Enabling Event Push" sends status=1 in its example, which by this table disables: we follow the
 * reference and the SDK (see README).
 */
export const EVENT_PUSH_STATUS = { enabled: 0, disabled: 1, locked: 2 } as const;
export type EventPushStatusName = keyof typeof EVENT_PUSH_STATUS;

export function eventPushStatusName(code: unknown): EventPushStatusName | 'unknown' {
	const entry = Object.entries(EVENT_PUSH_STATUS).find(([, value]) => value === Number(code));
	return entry ? (entry[0] as EventPushStatusName) : 'unknown';
}

export const meetingApi: ProviderApi = {
	credentialType: CREDENTIAL_TYPE,
	label: 'Huawei Cloud Meeting',
	readFailure(body: unknown): ProviderFailure | undefined {
		if (!body || typeof body !== 'object')
			return typeof body === 'string' && body ? { text: body } : undefined;
		const b = body as IDataObject;
		if (b.error_code || b.error_msg)
			return { code: b.error_code as string, text: b.error_msg as string };
		if (b.returnCode !== undefined && Number(b.returnCode) !== 0) {
			return { code: String(b.returnCode), text: b.returnDesc as string };
		}
		return undefined;
	},
	hint(status) {
		switch (status) {
			case 401:
				return 'The access token was refused. Check the Huawei Cloud Meeting credential (App ID and App Key, account, or pasted token) and its API base URL.';
			case 403:
				return 'The account lacks permission. Event push needs an enterprise administrator of a premium (flagship) enterprise; for an SP App ID, the SP must have it enabled.';
			case 400:
				return 'Huawei Cloud Meeting refused the parameters. Check the enterprise/SP ID, the configuration ID and the URL.';
			default:
				return undefined;
		}
	},
};

/** Which tenant a configuration belongs to: an enterprise (corpId) or an SP (spId). */
export interface PushScope {
	corpId?: string;
	spId?: string;
}

export interface EventPushConfig extends IDataObject {
	id: string;
	subscriberId?: string;
	url?: string;
	status?: number;
}

export function scopeQuery(scope: PushScope): IDataObject {
	return scope.spId ? { spId: scope.spId } : { corpId: scope.corpId ?? '' };
}

export async function createEventPush(
	ctx: ApiContext,
	scope: PushScope,
	subscriberId: string,
	subscriberKey: string,
	url: string,
): Promise<void> {
	const body: IDataObject = { ...scopeQuery(scope), subscriberId, subscriberKey, url };
	await apiRequest(ctx, meetingApi, 'Configure event push', {
		method: 'POST',
		url: LINK_CONFIG,
		headers: { 'Content-Type': 'application/json; charset=UTF-8' },
		body,
	});
}

/** The current configuration, or undefined when the enterprise has none. */
export async function getEventPush(
	ctx: ApiContext,
	scope: PushScope,
): Promise<EventPushConfig | undefined> {
	let response: IDataObject | string | undefined;
	try {
		response = await apiRequest<IDataObject | string | undefined>(
			ctx,
			meetingApi,
			'Get event push configuration',
			{
				method: 'GET',
				url: LINK_CONFIG,
				qs: scopeQuery(scope),
			},
		);
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return undefined;
		throw ensureNodeError(ctx.getNode(), error);
	}
	if (!response || typeof response !== 'object' || !response.id) return undefined;
	return response as EventPushConfig;
}

export async function changeEventPushStatus(
	ctx: ApiContext,
	id: string,
	status: EventPushStatusName,
): Promise<void> {
	await apiRequest(
		ctx,
		meetingApi,
		status === 'enabled' ? 'Enable event push' : 'Disable event push',
		{
			method: 'PUT',
			url: CHANGE_STATUS,
			qs: { id, status: EVENT_PUSH_STATUS[status] },
		},
	);
}

export async function deleteEventPush(ctx: ApiContext, id: string): Promise<void> {
	await apiRequest(ctx, meetingApi, 'Delete event push configuration', {
		method: 'DELETE',
		url: LINK_CONFIG,
		qs: { id },
	});
}

/** Output shape for a configuration: the API's fields plus the named status. */
export function describeConfig(config: EventPushConfig): IDataObject {
	return { ...config, statusName: eventPushStatusName(config.status) };
}

/** Refuses a non-HTTPS URL (Huawei only delivers to HTTPS) unless explicitly allowed. */
export function checkPushUrl(url: string, allowHttp: boolean): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return `"${url}" is not a valid URL`;
	}
	if (parsed.protocol === 'https:') return undefined;
	if (parsed.protocol === 'http:' && allowHttp) return undefined;
	return `Huawei Cloud Meeting only delivers events to HTTPS URLs, and "${url}" is not one`;
}
