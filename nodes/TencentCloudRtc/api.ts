/**
 * Tencent Cloud API 3.0, service `trtc`, version 2019-07-22: one POST to "/" per action (X-TC-Action),
 * answers as `{"Response":{…,"RequestId"}}`, failures as `Response.Error` {Code, Message} (HTTP 200).
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import type { z } from 'zod/v4';

import type { ApiContext, ProviderApi, ProviderFailure } from '../shared/http';
import { apiRequest } from '../shared/http';
import { zodSummary } from '../shared/zod';
import { CONTENT_TYPE, TRTC_VERSION } from './auth';

export const CREDENTIAL_TYPE = 'tencentCloudApi';

const RETRY =
	'Tencent advises retrying with the same parameters after 3 s, then 6 s, 12 s… (enable Retry On Fail in the node settings).';

/** Advice per error code; a code not listed falls back to the advice of its prefix. */
export const HINTS: Record<string, string> = {
	'AuthFailure.SecretIdNotFound': 'Tencent Cloud does not know the SecretId: check the credential.',
	'AuthFailure.InvalidSecretId': 'The SecretId is not valid: check the credential.',
	'AuthFailure.SignatureFailure':
		'The signature was refused: check the SecretKey and the site or custom host in the credential.',
	'AuthFailure.SignatureExpire':
		'The request time is more than 5 minutes off: check the clock of the n8n host.',
	'AuthFailure.TokenFailure':
		'The session token was refused: renew the temporary key, or clear the token for a permanent key.',
	'AuthFailure.UnauthorizedOperation':
		'The key has no permission for this TRTC action (CAM policy), or the SDKAppID is not in this account.',
	'AuthFailure.UnRealNameAuthenticated':
		'The Tencent Cloud account has not completed identity verification.',
	'UnauthorizedOperation.SdkAppId': 'The SDKAppID does not belong to this Tencent Cloud account.',
	'InvalidParameter.SdkAppId': 'The SDKAppID is not valid: check the node parameter.',
	'FailedOperation.RoomNotExist':
		'The room does not exist (nobody is in it, or it was already dismissed); check the room ID and its type.',
	'InvalidParameterValue.RoomId':
		'The room ID is not valid, or the room does not exist; check the Room ID Type (numeric or string).',
	'InvalidParameter.RoomId':
		'The room ID is not valid; check the Room ID Type (numeric or string).',
	'InvalidParameter.UserIds': 'The user IDs are not valid (at most 10).',
	'InvalidParameter.UserSig':
		"The robot's UserSig was refused: check the app's secret key in the Tencent Cloud Chat API credential, or the UserSig entered.",
	'FailedOperation.RestrictedConcurrency':
		'The concurrent recording quota of the app (100 by default) is used up: stop a task or ask Tencent to raise it.',
	'FailedOperation.CRUnsupportMethod': 'The recording task does not support this operation.',
	'InternalError.CRInternalError': `A cloud-recording internal error. ${RETRY}`,
	ResourceNotFound:
		'The recording task no longer exists: it has stopped (Exited tasks are removed) or its ResourceExpiredHour has passed.',
	'InvalidParameter.OutOfRange': 'A recording parameter is out of its documented range.',
	'InvalidParameter.QueryScaleOversize':
		'The time window is too long: at most 24 h for rooms, 4 h for users.',
	'InvalidParameter.StartTimeOversize':
		'The start time is too old: the history goes back 14 days at most (7 on some packages).',
	'InvalidParameter.StartTsOversize':
		'The start time is too old: the history goes back 14 days at most (7 on some packages).',
	'InvalidParameter.PageSizeOversize': 'The page size is too large (at most 100).',
	'FailedOperation.NotAbility':
		'Room and user history needs a TRTC monthly package or a paid Monitoring Dashboard edition.',
	RequestLimitExceeded: 'Rate limit reached (20 requests/s): slow down or retry later.',
	ActionOffline: 'Tencent has taken this action offline.',
};

const PREFIX_HINTS: Array<[string, string]> = [
	['AuthFailure.', 'Authentication failed: check the Tencent Cloud API credential.'],
	['InternalError', `A Tencent internal error. ${RETRY}`],
	['MissingParameter', 'A required parameter is missing.'],
	['InvalidParameter', 'A parameter is not valid.'],
];

interface TencentError {
	Code?: unknown;
	Message?: unknown;
}

function failureOf(body: unknown): ProviderFailure | undefined {
	const response = (body as { Response?: { Error?: TencentError; RequestId?: unknown } } | null)
		?.Response;
	const error = response?.Error;
	if (!error || typeof error !== 'object') return undefined;
	const requestId =
		typeof response?.RequestId === 'string' ? ` (RequestId ${response.RequestId})` : '';
	return {
		code: typeof error.Code === 'string' ? error.Code : undefined,
		text: `${typeof error.Message === 'string' ? error.Message : 'no message'}${requestId}`,
	};
}

export function hintFor(code: string | undefined): string | undefined {
	if (!code) return undefined;
	return HINTS[code] ?? PREFIX_HINTS.find(([prefix]) => code.startsWith(prefix))?.[1];
}

export const trtcApi: ProviderApi = {
	credentialType: CREDENTIAL_TYPE,
	label: 'Tencent Cloud TRTC',
	readFailure: (body) =>
		failureOf(body) ?? (typeof body === 'string' && body ? { text: body } : undefined),
	failureInSuccess: failureOf,
	hint: (status, failure) =>
		hintFor(failure?.code) ??
		(status === 401 || status === 403
			? 'Authentication failed: check the Tencent Cloud API credential.'
			: undefined),
};

export interface ActionCall<S extends z.ZodType> {
	action: string;
	/** What the user sees in messages, e.g. "Dismiss room". */
	label: string;
	body: IDataObject;
	/** The `Response` object's schema (RequestId is checked for every answer). */
	schema: S;
	/** Read actions are retried on 5xx, 429 and network failures. */
	read?: boolean;
}

/** Calls one action and returns its validated `Response` object. */
export async function trtcRequest<S extends z.ZodType>(
	ctx: ApiContext,
	call: ActionCall<S>,
): Promise<z.infer<S>> {
	const answer = await apiRequest<IDataObject>(
		ctx,
		trtcApi,
		call.label,
		{
			method: 'POST',
			url: '/',
			headers: {
				'Content-Type': CONTENT_TYPE,
				'X-TC-Action': call.action,
				'X-TC-Version': TRTC_VERSION,
			},
			body: JSON.stringify(call.body),
		},
		{ retry: call.read === true },
	);
	const parsed = call.schema.safeParse((answer as { Response?: unknown } | undefined)?.Response);
	if (!parsed.success) {
		throw new NodeApiError(
			ctx.getNode(),
			{ code: 'UnexpectedAnswer' },
			{
				message: `Tencent Cloud TRTC: ${call.label}: unexpected answer (${zodSummary(parsed.error)})`,
				description: 'The API answered 200 with a body this node does not understand.',
			},
		);
	}
	return parsed.data;
}
