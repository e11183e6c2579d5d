import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * What the Tencent Cloud TRTC Trigger checks callbacks against: the app's SDKAppID (the SdkAppId
 * header) and the callback key set in the TRTC console (the Sign header). Nothing is sent with it:
 * TRTC has no API for callbacks, so there is no request to authenticate or test.
 */
export class TencentRtcCallbackApi implements ICredentialType {
	name = 'tencentRtcCallbackApi';

	// Stryker disable all: the name, icon, help link and fields n8n's editor shows (data, checked by lint and the dist test)
	displayName = 'Tencent Cloud TRTC Callback API';

	icon: Icon = { light: 'file:tencentCloudRtc.svg', dark: 'file:tencentCloudRtc.dark.svg' };

	documentationUrl = 'https://trtc.io/document/54912';

	properties: INodeProperties[] = [
		{
			displayName: 'SDKAppID',
			name: 'sdkAppId',
			type: 'number',
			default: 0,
			required: true,
			description:
				'The TRTC application ID (console → Applications). Callbacks whose SdkAppId header differs are refused.',
		},
		{
			displayName: 'Callback Key',
			name: 'callbackSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The callback key set in the TRTC console (Callback configuration; letters and digits, up to 32). When set, every callback must carry a valid Sign. Leave empty only if the console has no key: then anyone who knows the URL can start the workflow.',
		},
	];
	// Stryker restore all
}
