import { randomBytes } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { baseUrlFor } from '../nodes/shared/http';
import { tencentBaseUrl } from '../nodes/TencentCloudRoom/api';
import { DEFAULT_USERSIG_EXPIRE_SECONDS, genUserSig } from '../nodes/TencentCloudRoom/usersig';

export class TencentCloudChatApi implements ICredentialType {
	name = 'tencentCloudChatApi';

	// Stryker disable all: the name and help link n8n's editor shows (data, checked by the dist test)
	displayName = 'Tencent Cloud Chat API';

	icon: Icon = { light: 'file:tencentCloudRoom.svg', dark: 'file:tencentCloudRoom.dark.svg' };

	documentationUrl = 'https://trtc.io/document/60703';
	// Stryker restore all

	// Stryker disable all: the description is data for the n8n editor (checked by lint and the dist test), not logic
	properties: INodeProperties[] = [
		{
			displayName: 'SDKAppID',
			name: 'sdkAppId',
			type: 'number',
			default: 0,
			required: true,
			description: 'The application ID shown in the Chat / TRTC console',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The application's key, used to generate UserSig signatures locally; it is never sent",
		},
		{
			displayName: 'Admin Account',
			name: 'adminAccount',
			type: 'string',
			default: 'administrator',
			required: true,
			description: 'An App administrator UserID (REST calls are made as this identifier)',
		},
		{
			displayName: 'API Host',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'China (console.tim.qq.com)', value: 'china' },
				{ name: 'Singapore (adminapisgp.im.qcloud.com)', value: 'singapore' },
				{ name: 'Seoul (adminapikr.im.qcloud.com)', value: 'seoul' },
				{ name: 'Frankfurt (adminapiger.im.qcloud.com)', value: 'frankfurt' },
				{ name: 'Mumbai (adminapiind.im.qcloud.com)', value: 'mumbai' },
				{ name: 'Silicon Valley (adminapiusa.im.qcloud.com)', value: 'siliconValley' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'china',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://console.tim.qq.com',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Callback Authentication Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The authentication token set in the Chat console (Callback Configuration). When set, the trigger checks the Sign and RequestTime of every callback.',
		},
		{
			displayName: 'UserSig Validity (Seconds)',
			name: 'userSigExpire',
			type: 'number',
			default: DEFAULT_USERSIG_EXPIRE_SECONDS,
			description:
				'How long each generated UserSig is valid; a fresh one is generated for every request',
		},
	];
	// Stryker restore all

	/** Adds the REST API's query parameters, with a UserSig generated locally for the admin account. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const identifier = ((credentials.adminAccount as string) || 'administrator').trim();
		const sdkAppId = Number(credentials.sdkAppId);
		const usersig = genUserSig(
			sdkAppId,
			credentials.secretKey as string,
			identifier,
			Number(credentials.userSigExpire) || DEFAULT_USERSIG_EXPIRE_SECONDS,
		);
		return {
			...requestOptions,
			baseURL: baseUrlFor(requestOptions, () => tencentBaseUrl(credentials)),
			qs: {
				...((requestOptions.qs as IDataObject) ?? {}),
				sdkappid: sdkAppId,
				identifier,
				usersig,
				random: randomBytes(4).readUInt32BE(0),
				contenttype: 'json',
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/v4/room_config/get_callback',
			headers: { 'Content-Type': 'application/json' },
			body: '{}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ActionStatus',
					value: 'FAIL',
					message:
						'Tencent Cloud rejected the request: check the SDKAppID, secret key, admin account and API host',
				},
			},
		],
	};
}
