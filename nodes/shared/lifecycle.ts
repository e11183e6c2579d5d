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
	/** Name of the option that allows replacing a subscription that points elsewhere. */
	replaceOptionLabel: string;
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
	register(this: IHookFunctions, url: string, current: TRemote | undefined, state: IDataObject): Promise<void>;
	/** Removes our registration, or restores what `state` says was there before. */
	unregister(this: IHookFunctions, state: IDataObject, current: TRemote | undefined): Promise<void>;
}

/** Static-data keys the lifecycle owns; adapters add their own. */
export const STATE_URL = 'webhookUrl';

function replaceAllowed(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('options.replaceExisting', false) as boolean;
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
			if (currentUrl && currentUrl !== url && !replaceAllowed(this)) {
				throw new NodeOperationError(
					this.getNode(),
					`${adapter.what} is already configured to deliver to ${currentUrl}`,
					{
						description: `Only one ${adapter.what} configuration exists per account. Remove it, or turn on "${adapter.replaceOptionLabel}" in this node's options to replace it while this workflow is active.`,
					},
				);
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
					this.logger.warn(`Could not remove the ${adapter.what} registration: ${(error as Error).message}`);
					return false;
				}
			}
			for (const key of Object.keys(state)) delete state[key];
			return true;
		},
	};
}
