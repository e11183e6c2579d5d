import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { httpFailureOf } from './http';

/**
 * One provider's subscription API, as seen by the shared webhook lifecycle. Each provider keeps
 * exactly one subscription per enterprise / app, so "exists" means "the provider points at us".
 */
export interface SubscriptionAdapter<TRemote> {
	/** What is being registered, for messages, starting a sentence: e.g. "Huawei Cloud Meeting event push". */
	what: string;
	/** What the trigger receives, for messages: e.g. "Huawei Cloud Meeting events". */
	receives: string;
	/** What one subscription is kept per, for messages: e.g. "enterprise or app" (default "account"). */
	per?: string;
	/** Name of the option that allows replacing a subscription that points elsewhere. */
	replaceOptionLabel: string;
	/**
	 * True when deactivating puts back exactly what a replaced subscription was (so a test listen may
	 * replace someone else's registration, as activation may); false when replacing destroys it.
	 */
	replaceRestores: boolean;
	/** The provider's current subscription, or undefined when there is none. */
	read(this: IHookFunctions): Promise<TRemote | undefined>;
	/** The URL the provider currently delivers to. */
	urlOf(remote: TRemote): string | undefined;
	/** True when `remote` is ours, complete, active and as configured (so create() can be skipped). */
	isActive(this: IHookFunctions, remote: TRemote, state: IDataObject): boolean;
	/**
	 * Points the provider at `url`, generating fresh secrets into `state`. `current` is what the
	 * provider had before (possibly someone else's). Must leave nothing half-registered when it throws.
	 */
	register(
		this: IHookFunctions,
		url: string,
		current: TRemote | undefined,
		state: IDataObject,
	): Promise<void>;
	/** Removes our registration, or restores what `state` says was there before. */
	unregister(this: IHookFunctions, state: IDataObject, current: TRemote | undefined): Promise<void>;
}

/** The example of one workflow receiving a provider's events and routing them to others. */
export const ROUTER_EXAMPLE = 'huawei-meeting-router.json';

/** Static-data keys the lifecycle owns; adapters add their own. */
export const STATE_URL = 'webhookUrl';

function replaceAllowed(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('options.replaceExisting', false) as boolean;
}

/** "Listen for test event" registers the /webhook-test/ URL (n8n gives no other sign in delete()). */
export function isTestUrl(url: string): boolean {
	return url.includes('/webhook-test/');
}

/** The path of a webhook URL with test and production told apart only by their prefix removed. */
function webhookPath(url: string): string {
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		path = url;
	}
	return path.replace('/webhook-test/', '/webhook/');
}

/** True when `other` is the production URL of the same trigger node as the test URL `testUrl`. */
export function isProductionTwin(testUrl: string, other: string): boolean {
	return !isTestUrl(other) && webhookPath(other) === webhookPath(testUrl);
}

/** n8n's webhookMethods.default for a trigger backed by `adapter`. */
export function subscriptionLifecycle<TRemote>(adapter: SubscriptionAdapter<TRemote>) {
	return {
		async checkExists(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const state = this.getWorkflowStaticData('node');
			const remote = await adapter.read.call(this);
			return (
				remote !== undefined &&
				adapter.urlOf(remote) === url &&
				state[STATE_URL] === url &&
				adapter.isActive.call(this, remote, state)
			);
		},

		async create(this: IHookFunctions): Promise<boolean> {
			const url = this.getNodeWebhookUrl('default') as string;
			const state = this.getWorkflowStaticData('node');
			const current = await adapter.read.call(this);
			const currentUrl = current === undefined ? undefined : adapter.urlOf(current);
			if (currentUrl && currentUrl !== url) {
				if (isTestUrl(url) && isProductionTwin(url, currentUrl)) {
					// One registration per account, and it is this workflow's production one: a test listen
					// would have to take it over, and production would miss events meanwhile. Never.
					throw new NodeOperationError(
						this.getNode(),
						`This workflow is active and receives ${adapter.receives} at its production URL: see its executions, or deactivate it to listen for a test event`,
						{
							description: `Only one ${adapter.what} registration exists per account, and this workflow's production URL holds it (${currentUrl}); a test listen leaves it untouched. Look at the workflow's executions to see real events, or deactivate the workflow to listen for a test event.`,
						},
					);
				}
				if (!replaceAllowed(this)) {
					throw new NodeOperationError(
						this.getNode(),
						`${adapter.what} is already configured to deliver to ${currentUrl}`,
						{
							description: `Only one ${adapter.what} configuration exists per ${adapter.per ?? 'account'}, so one workflow receives its events. To act on them in several workflows, keep that one and route from it to the others (Switch on the event → Execute Workflow): see examples/${ROUTER_EXAMPLE} in this package's repository. Otherwise remove the configuration, or turn on "${adapter.replaceOptionLabel}" in this node's options to take it over while this workflow is active (the workflow it delivers to now stops receiving events).`,
						},
					);
				}
				if (isTestUrl(url) && !adapter.replaceRestores) {
					throw new NodeOperationError(
						this.getNode(),
						`A test listen does not replace the ${adapter.what} configuration that delivers to ${currentUrl}`,
						{
							description: `Replacing it deletes it for good (it cannot be put back when the test ends). Activate the workflow with "${adapter.replaceOptionLabel}" on if you mean to take it over, or remove it first.`,
						},
					);
				}
			}
			await adapter.register.call(this, url, current, state);
			state[STATE_URL] = url;
			return true;
		},

		async delete(this: IHookFunctions): Promise<boolean> {
			const state = this.getWorkflowStaticData('node');
			const url = this.getNodeWebhookUrl('default') as string;
			try {
				const current = await adapter.read.call(this);
				// Someone else took the subscription over since: leave theirs alone.
				if (current !== undefined && adapter.urlOf(current) && adapter.urlOf(current) !== url) {
					this.logger.info(`${adapter.what} now points elsewhere; nothing to remove`);
				} else {
					await adapter.unregister.call(this, state, current);
				}
			} catch (error) {
				if (httpFailureOf(error).status !== 404) {
					this.logger.warn(
						`Could not remove the ${adapter.what} registration: ${(error as Error).message}`,
					);
					return false;
				}
			}
			for (const key of Object.keys(state)) delete state[key];
			return true;
		},
	};
}
