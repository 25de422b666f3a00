import { html, type SafeHtml } from './escape-html.ts';
import { describePlanComparison } from './plan-deviations.ts';
import type { ReportPublication } from './report-model.ts';

/**
 * The plan this round was run against and how a reader checks that the published folder is the
 * one the lab sealed. A page cannot show the hash of a manifest that lists the page itself, so it
 * shows the record's hash (publication/record.json: every file the report was rendered from),
 * which the signed manifest fixes together with the report (harness/publish/manifest.ts).
 */
export function renderPublication(publication: ReportPublication): SafeHtml {
  const { summary, deviations } = describePlanComparison(publication.planSha256, publication.planComparison);
  const deviationList = deviations.length === 0 ? html`` : html`<ul class="deviations">${deviations.map((text) => html`<li>${text}</li>`)}</ul>`;
  const plan = publication.planSha256 === undefined
    ? html`<dt>Plan</dt><dd>no published plan (plan.json) in the round folder</dd>`
    : html`<dt>Plan</dt><dd><a href="plan.json">plan.json</a>, published before testing<br><small class="mono">SHA-256 ${publication.planSha256}</small></dd>
<dt>Deviations</dt><dd id="plan-deviations">${summary}${deviationList}</dd>`;
  const seal = publication.seal === undefined
    ? html`<dt>Publication</dt><dd>not sealed: this report was rendered outside <code>stalkerbench publish</code></dd>`
    : html`<dt>Record</dt><dd><a href="publication/record.json">publication/record.json</a>: every file this report was rendered from, with its SHA-256<br><small class="mono">SHA-256 ${publication.seal.recordSha256}</small></dd>
<dt>Signed by</dt><dd class="mono">Ed25519 key ${publication.seal.keyFingerprint}</dd>`;
  return html`<h3 id="publication">Plan and publication</h3>
<dl class="facts">${plan}
${seal}</dl>
<p>How to verify: <code>publication/manifest.json</code> lists every file of this folder, this page included, with its SHA-256, and <code>publication/manifest.sig</code> is the lab's Ed25519 signature over it. Run <code>stalkerbench verify &lt;this folder&gt; --key &lt;the lab's public key&gt;</code>: it checks the signature, hashes every file again, names each file changed, added or removed, and prints the manifest's and the record's SHA-256 to compare with the ones the lab announced and the one above.</p>`;
}
