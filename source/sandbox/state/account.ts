/**
 * The sandbox account: the live IAM state (what IAM's APIs read and write), the propagated view the
 * Bedrock services enforce, persistence, marketplace agreements and the record of runtime calls.
 */
import type {NamedPolicy} from '../../core/iam/policy-document.js';
import type {AccountStore, Caller, RuntimeCallRecord} from '../contracts.js';
import {AccountIndex} from './account-index.js';
import {commitDraft, draftOf, freezeAccount} from './commit.js';
import {LiveView} from './identity-view.js';
import type {IdentityView} from './identity-view.js';
import type {AccountData, LegacyModelsInUse, SubscriptionOutcome} from './model.js';
import {saveState} from './persistence.js';
import {PropagationHistory} from './propagation.js';

export interface AccountStateOptions {
	readonly data: AccountData;
	readonly clock: () => Date;
	readonly propagationDelayMs: number;
	readonly statePath?: string;
	/** How long a new Marketplace agreement stays PENDING before it is AVAILABLE (default 0: at once). */
	readonly subscriptionDelayMs?: number;
	/** Anthropic's use-case form: submitted (the default, as most accounts have) or still missing. */
	readonly useCaseForm?: 'missing' | 'submitted';
	/**
	 * How AWS Marketplace ends a subscription once its wait is over: `available` (the default) or `error`,
	 * as for an account without a valid payment method (`sandbox --subscription-outcome`).
	 */
	readonly subscriptionOutcome?: SubscriptionOutcome;
	/** The LEGACY models the account has used recently, so they still answer it (`sandbox --legacy-in-use`); none by default. */
	readonly legacyModelsInUse?: LegacyModelsInUse;
}

export type {LegacyModelsInUse, SubscriptionOutcome} from './model.js';

/** Enough to tell which principal made each probe, bounded so a benchmark's 100k calls keep memory flat. */
const maxRuntimeCalls = 2000;

export class AccountState implements AccountStore {
	readonly accountId: string;
	private data: AccountData;
	private liveView: LiveView | undefined;
	/** The live lookups, changed entry by entry with each commit. */
	private readonly liveIndex: AccountIndex;
	private readonly history: PropagationHistory | undefined;
	private readonly calls: RuntimeCallRecord[] = [];
	/** The use-case form's data once submitted; kept for the run (a restart starts from --use-case-form again). */
	private useCaseFormData: string | undefined;
	private subscriptionDelay: number;
	private outcome: SubscriptionOutcome;
	private legacyInUse: LegacyModelsInUse;
	/** When each agreement of this run was made (one made before a restart is AVAILABLE: its wait is over). */
	private readonly agreementsMadeAt = new Map<string, number>();

	constructor(private readonly options: AccountStateOptions) {
		this.data = freezeAccount(options.data);
		this.liveIndex = new AccountIndex(this.data);
		this.accountId = options.data.accountId;
		this.subscriptionDelay = options.subscriptionDelayMs ?? 0;
		this.outcome = options.subscriptionOutcome ?? 'available';
		this.legacyInUse = options.legacyModelsInUse ?? [];
		if (options.useCaseForm !== 'missing') this.useCaseFormData = Buffer.from(JSON.stringify({companyName: 'Sandbox'})).toString('base64');
		this.history = options.propagationDelayMs > 0 ? new PropagationHistory(this.data, options.propagationDelayMs) : undefined;
	}

	/** The state as IAM's own APIs see it: every change at once. */
	live(): LiveView {
		this.liveView ??= new LiveView(this.data, this.liveIndex);
		return this.liveView;
	}

	/** The state as Bedrock and Bedrock Runtime enforce it: `propagationDelayMs` behind. */
	propagated(): IdentityView {
		return this.history ? this.history.viewAt(this.options.clock().getTime()) : this.live();
	}

	/**
	 * Changes the account; every change is one commit, all or nothing: `change` works on a draft, which
	 * becomes the account only once it is saved (with `--state`). A change that throws, or a save that
	 * fails, leaves the account, the propagation history and the file as they were, and the error goes to
	 * the caller (a failed save is an internal error, ServiceFailure 500, so no key is made whose secret
	 * was never given out). See commit.ts and docs/security.md, 'State, limits and memory'.
	 */
	mutate<T>(change: (data: AccountData) => T): T {
		const draft = draftOf(this.data);
		const result = change(draft.data);
		const commit = commitDraft(this.data, draft);
		if (this.options.statePath) saveState(this.options.statePath, commit.data);
		this.data = commit.data;
		for (const recordChange of commit.changes) this.liveIndex.apply(recordChange);
		this.liveView = undefined;
		this.history?.record(commit.changes, this.options.clock().getTime());
		return result;
	}

	flush(): void {
		if (this.options.statePath) saveState(this.options.statePath, this.data);
	}

	/** How many commits wait for the propagation delay (bounded; see propagation.ts). */
	get pendingCommits(): number {
		return this.history?.pendingCommits ?? 0;
	}

	/** A deep copy, for tests and the persistence round trip. */
	snapshot(): AccountData {
		return structuredClone(this.data);
	}

	hasModelAgreement(modelId: string): boolean {
		return this.data.modelAgreements.includes(modelId);
	}

	/** PENDING for the subscription delay after it was made; then AVAILABLE, or ERROR while the outcome is `error`. */
	modelAgreementStatus(modelId: string): 'AVAILABLE' | 'PENDING' | 'NOT_AVAILABLE' | 'ERROR' {
		if (!this.hasModelAgreement(modelId)) return 'NOT_AVAILABLE';
		const madeAt = this.agreementsMadeAt.get(modelId);
		if (madeAt !== undefined && this.options.clock().getTime() - madeAt < this.subscriptionDelay) return 'PENDING';
		return this.outcome === 'error' ? 'ERROR' : 'AVAILABLE';
	}

	addModelAgreement(modelId: string): void {
		if (this.hasModelAgreement(modelId)) return;
		this.mutate((data) => data.modelAgreements.push(modelId));
		this.agreementsMadeAt.set(modelId, this.options.clock().getTime());
	}

	useCaseForm(): string | undefined {
		return this.useCaseFormData;
	}

	/** `/_sandbox/account`: how long new agreements stay PENDING from now on. */
	get subscriptionDelayMs(): number {
		return this.subscriptionDelay;
	}

	set subscriptionDelayMs(ms: number) {
		this.subscriptionDelay = ms;
	}

	/** `/_sandbox/account`: how subscriptions end, for every agreement (a fixed payment method makes the failed ones AVAILABLE). */
	get subscriptionOutcome(): SubscriptionOutcome {
		return this.outcome;
	}

	set subscriptionOutcome(outcome: SubscriptionOutcome) {
		this.outcome = outcome;
	}

	legacyModelsInUse(): LegacyModelsInUse {
		return this.legacyInUse;
	}

	/** `/_sandbox/account`: the LEGACY models the account has used recently. */
	setLegacyModelsInUse(models: LegacyModelsInUse): void {
		this.legacyInUse = models;
	}

	/** `/_sandbox/account`: the form forgotten (missing) or submitted for the account. */
	setUseCaseForm(state: 'missing' | 'submitted'): void {
		if (state === 'missing') this.useCaseFormData = undefined;
		else this.useCaseFormData ??= Buffer.from(JSON.stringify({companyName: 'Sandbox'})).toString('base64');
	}

	submitUseCaseForm(formData: string): void {
		this.useCaseFormData = formData;
	}

	effectivePolicies(caller: Caller): readonly NamedPolicy[] {
		return caller.userName ? this.propagated().policiesOf(caller.userName) : [];
	}

	recordRuntimeCall(entry: RuntimeCallRecord): void {
		this.calls.push(entry);
		if (this.calls.length > maxRuntimeCalls) this.calls.splice(0, this.calls.length - maxRuntimeCalls);
	}

	/** The most recent runtime calls (up to 2000), oldest first. */
	runtimeCalls(): readonly RuntimeCallRecord[] {
		return [...this.calls];
	}

	clearRuntimeCalls(): void {
		this.calls.length = 0;
	}
}
