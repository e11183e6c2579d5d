import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ApiContext, ProviderApi, ProviderFailure } from '../shared/http';
import { apiRequest, regionBaseUrl } from '../shared/http';

export const CREDENTIAL_TYPE = 'tencentCloudChatApi';

export const TENCENT_HOSTS = {
	china: 'https://console.tim.qq.com',
	singapore: 'https://adminapisgp.im.qcloud.com',
	seoul: 'https://adminapikr.im.qcloud.com',
	frankfurt: 'https://adminapiger.im.qcloud.com',
	mumbai: 'https://adminapiind.im.qcloud.com',
	siliconValley: 'https://adminapiusa.im.qcloud.com',
} as const;

export function tencentBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	return regionBaseUrl(credentials, TENCENT_HOSTS, 'china');
}

const HINTS: Record<string, string> = {
	'60002': 'Tencent could not parse the HTTP request.',
	'60003': 'Tencent could not parse the JSON body.',
	'60004':
		'The UserSig or admin account was rejected: check the SDKAppID, secret key and admin account in the credential.',
	'60005':
		'The UserSig or admin account was rejected: check the SDKAppID, secret key and admin account in the credential.',
	'60006': 'The SDKAppID is not valid: check the credential.',
	'60007': 'Rate limit reached (200 calls/s per command): slow down or retry later.',
	'60010': 'This call needs an App administrator account: set the admin account in the credential.',
	'60011': 'Rate limit reached: retry later.',
	'60016': 'The application is disabled in the Tencent Cloud console.',
	'60020': 'The Chat plan has expired.',
	'60021': "n8n's IP address is not allowed by the application's IP allowlist.",
	'100001': 'Tencent internal error: retry.',
	'100002': 'A parameter is invalid.',
	'100004': 'The room does not exist or was destroyed.',
	'100005': 'The user is not a member of the room.',
	'100006': 'The operation is not permitted.',
	'100300': 'A callback configuration already exists: use Update.',
};

function failureOf(body: unknown): ProviderFailure | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const b = body as IDataObject;
	if (b.ActionStatus === 'FAIL' || (b.ErrorCode !== undefined && Number(b.ErrorCode) !== 0)) {
		return { code: String(b.ErrorCode ?? ''), text: (b.ErrorInfo as string) || undefined };
	}
	return undefined;
}

export const tencentApi: ProviderApi = {
	credentialType: CREDENTIAL_TYPE,
	label: 'Tencent Cloud Chat',
	readFailure: failureOf,
	failureInSuccess: failureOf,
	hint: (status, failure) =>
		(failure?.code ? HINTS[failure.code] : undefined) ??
		(status === 502 ? 'Tencent gateway error: retry later.' : undefined),
};

/**
 * Calls `v4/<service>/<command>`; the credential adds sdkappid, identifier, usersig, random and
 * contenttype. Read commands (get_*) are retried on network and 5xx failures.
 */
export async function tencentRequest<T = IDataObject>(
	ctx: ApiContext,
	service: string,
	command: string,
	body: IDataObject = {},
): Promise<T> {
	return await apiRequest<T>(
		ctx,
		tencentApi,
		`${command}`,
		// Sent as a string: n8n drops an empty object body, and Tencent requires one ("{}").
		{
			method: 'POST',
			url: `/v4/${service}/${command}`,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		},
		{ retry: command.startsWith('get_') },
	);
}

export const ROOM_SERVICE = 'room_engine_http_srv';
export const SEAT_SERVICE = 'room_engine_http_mic';
export const CALLBACK_SERVICE = 'room_config';

export interface RoomCallbackConfig extends IDataObject {
	Url: string;
	CallbackCommandList: string[];
}

/** The app's Room callback configuration, or undefined when none is set. */
export async function getRoomCallback(ctx: ApiContext): Promise<RoomCallbackConfig | undefined> {
	const response = await tencentRequest<IDataObject>(ctx, CALLBACK_SERVICE, 'get_callback', {});
	const config = (response.Response ?? {}) as IDataObject;
	if (typeof config.Url !== 'string' || config.Url === '') return undefined;
	return {
		...config,
		Url: config.Url,
		CallbackCommandList: Array.isArray(config.CallbackCommandList)
			? (config.CallbackCommandList as string[])
			: [],
	};
}

export async function setRoomCallback(
	ctx: ApiContext,
	exists: boolean,
	url: string,
	commands: string[],
): Promise<void> {
	await tencentRequest(ctx, CALLBACK_SERVICE, exists ? 'update_callback' : 'set_callback', {
		Url: url,
		CallbackCommandList: commands,
	});
}

export async function deleteRoomCallback(ctx: ApiContext): Promise<void> {
	await tencentRequest(ctx, CALLBACK_SERVICE, 'delete_callback', {});
}
