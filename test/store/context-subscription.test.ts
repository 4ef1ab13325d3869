import { expect, fixture } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { ContextProvider, createContext } from '@lit/context';
import { ContextSubscription, consume } from '../../src/store/context-subscription.js';

const greeting = createContext<string>(Symbol('test-greeting'));

/** Shows the context value it follows, and records every value handed to it. */
class SubscriptionProbe extends LitElement {
  readonly seen: string[] = [];
  readonly greeting = new ContextSubscription(this, greeting, (value) => this.seen.push(value));
  override render(): unknown {
    return html`<output>${this.greeting.value ?? 'none'}</output>`;
  }
}
customElements.define('subscription-probe', SubscriptionProbe);

class DecoratedProbe extends LitElement {
  @consume({ context: greeting, subscribe: true })
  greeting?: string;
  override render(): unknown {
    return html`<output>${this.greeting ?? 'none'}</output>`;
  }
}
customElements.define('decorated-probe', DecoratedProbe);

/** @lit/context's provider (the one `<review-session>` uses), telling how many consumers it serves. */
class CountingProvider extends ContextProvider<typeof greeting> {
  get subscribers(): number {
    return this.subscriptions.size;
  }
}

/** A provider on a plain element, as `<review-session>` provides on itself. */
function provide(host: HTMLElement, value: string): CountingProvider {
  return new CountingProvider(host, { context: greeting, initialValue: value });
}

async function shown(probe: LitElement): Promise<string | undefined> {
  await probe.updateComplete;
  return probe.shadowRoot!.querySelector('output')?.textContent ?? undefined;
}

async function setUp(): Promise<{ root: HTMLElement; provider: CountingProvider; probe: SubscriptionProbe }> {
  const root = await fixture<HTMLElement>(html`<div></div>`);
  const provider = provide(root, 'hello');
  const probe = document.createElement('subscription-probe') as SubscriptionProbe;
  root.append(probe);
  return { root, provider, probe };
}

describe('ContextSubscription', () => {
  it('receives the provider’s value on connection and renders it', async () => {
    const { probe } = await setUp();
    expect(await shown(probe)).to.equal('hello');
    expect(probe.seen).to.deep.equal(['hello']);
  });

  it('follows every new value and re-renders the host', async () => {
    const { provider, probe } = await setUp();
    provider.setValue('bonjour');
    provider.setValue('konnichiwa');
    expect(await shown(probe)).to.equal('konnichiwa');
    expect(probe.seen).to.deep.equal(['hello', 'bonjour', 'konnichiwa']);
  });

  it('stays undefined without a provider', async () => {
    const probe = await fixture<SubscriptionProbe>(html`<subscription-probe></subscription-probe>`);
    expect(await shown(probe)).to.equal('none');
    expect(probe.greeting.value).to.equal(undefined);
  });

  it('lets go of the provider on disconnection', async () => {
    const { provider, probe } = await setUp();
    probe.remove();
    provider.setValue('bonjour');
    expect(probe.seen).to.deep.equal(['hello']);
    expect(provider.subscribers).to.equal(0);
  });

  it('subscribes again on reconnection, once, and gets the current value', async () => {
    const { root, provider, probe } = await setUp();
    probe.remove();
    provider.setValue('bonjour');
    root.append(probe);
    expect(await shown(probe)).to.equal('bonjour');
    provider.setValue('hola');
    expect(await shown(probe)).to.equal('hola');
    expect(probe.seen).to.deep.equal(['hello', 'bonjour', 'hola']);
    expect(provider.subscribers).to.equal(1);
  });

  it('moves to a closer provider that appears later, and leaves the previous one', async () => {
    const outer = await fixture<HTMLElement>(html`<div><section></section></div>`);
    const outerProvider = provide(outer, 'outer');
    const section = outer.querySelector('section')!;
    const probe = document.createElement('subscription-probe') as SubscriptionProbe;
    section.append(probe);
    expect(await shown(probe)).to.equal('outer');
    // A provider that comes to life above the probe (e.g. an element upgraded late) announces itself.
    const inner = provide(section, 'inner');
    inner.hostConnected();
    expect(await shown(probe)).to.equal('inner');
    expect(outerProvider.subscribers).to.equal(0);
    outerProvider.setValue('outer again');
    inner.setValue('inner again');
    expect(await shown(probe)).to.equal('inner again');
  });
});

describe('consume (decorator)', () => {
  it('sets the property to the provider’s value, and to every new one', async () => {
    const root = await fixture<HTMLElement>(html`<div></div>`);
    const provider = provide(root, 'hello');
    const probe = document.createElement('decorated-probe') as DecoratedProbe;
    root.append(probe);
    expect(await shown(probe)).to.equal('hello');
    provider.setValue('bonjour');
    expect(probe.greeting).to.equal('bonjour');
    expect(await shown(probe)).to.equal('bonjour');
  });
});
