import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	CONTENT_TYPE,
	signTrtcOptions,
	TRTC_REGIONS,
	TRTC_SITES,
	TRTC_VERSION,
	trtcBaseUrl,
} from '../nodes/TencentCloudRtc/auth';
import { baseUrlFor } from '../nodes/shared/http';

/** Codes that mean the key, its token or the request signature was refused (the test fails on them). */
export const AUTH_FAILURES: Record<string, string> = {
	'AuthFailure.SecretIdNotFound': 'Tencent Cloud does not know this SecretId: check it',
	'AuthFailure.InvalidSecretId': 'The SecretId is not valid: check it',
	'AuthFailure.SignatureFailure':
		'Tencent Cloud refused the signature: check the SecretKey (and the site or custom host)',
	'AuthFailure.SignatureExpire':
		'Tencent Cloud refused the request time: check the clock of the n8n host',
	'AuthFailure.TokenFailure': 'The session token is not valid or has expired',
	'AuthFailure.InvalidAuthorization': 'Tencent Cloud could not read the Authorization header',
	'AuthFailure.MFAFailure': 'The key requires multi-factor authentication',
};

/** A read call that proves the key without changing anything: a recording task that does not exist. */
export const TEST_BODY = '{"SdkAppId":1400000000,"TaskId":"n8n-credential-test"}';

export class TencentCloudApi implements ICredentialType {
	name = 'tencentCloudApi';

	// Stryker disable all: the name and help link n8n's editor shows (data, checked by the dist test)
	displayName = 'Tencent Cloud API';

	icon: Icon = { light: 'file:tencentCloudRtc.svg', dark: 'file:tencentCloudRtc.dark.svg' };

	documentationUrl = 'https://trtc.io/document/34264';
	// Stryker restore all

	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	properties: INodeProperties[] = [
		{
			displayName: 'SecretId',
			name: 'secretId',
			type: 'string',
			default: '',
			required: true,
			description: 'A Cloud API key ID (CAM console → API Keys), starting with AKID',
		},
		{
			displayName: 'SecretKey',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Signs every request (TC3-HMAC-SHA256); it is never sent',
		},
		{
			displayName: 'Session Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary keys (STS): sent as X-TC-Token',
		},
		{
			displayName: 'Site',
			name: 'site',
			type: 'options',
			options: [
				{ name: `China (${new URL(TRTC_SITES.china).host})`, value: 'china' },
				{
					name: `International (${new URL(TRTC_SITES.international).host})`,
					value: 'international',
				},
				{ name: 'Custom Host or Base URL', value: 'custom' },
			],
			default: 'china',
		},
		{
			displayName: 'Custom Host or Base URL',
			name: 'customHost',
			type: 'string',
			default: '',
			placeholder: 'trtc.ap-singapore.tencentcloudapi.com',
			description:
				'A regional host, a proxy or a simulator; https:// is assumed when no scheme is given',
			displayOptions: { show: { site: ['custom'] } },
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: Object.entries(TRTC_REGIONS).map(([value, name]) => ({
				name: `${name} (${value})`,
				value,
			})),
			default: 'ap-guangzhou',
			description:
				'Sent as X-TC-Region. Room control accepts ap-beijing, ap-guangzhou and ap-singapore.',
		},
	];
	// Stryker restore all

	/** Signs every request with TC3-HMAC-SHA256 over the exact body bytes sent. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signTrtcOptions(
			{
				...requestOptions,
				baseURL: baseUrlFor(requestOptions, () => trtcBaseUrl(credentials)),
			},
			credentials,
		);
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/',
			headers: {
				'Content-Type': CONTENT_TYPE,
				'X-TC-Action': 'DescribeCloudRecording',
				'X-TC-Version': TRTC_VERSION,
			},
			body: TEST_BODY,
		},
		rules: Object.entries(AUTH_FAILURES).map(([value, message]) => ({
			type: 'responseSuccessBody' as const,
			properties: { key: 'Response.Error.Code', value, message },
		})),
	};
}
