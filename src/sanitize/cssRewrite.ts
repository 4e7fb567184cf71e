/**
 * CSS in mail (style attributes and <style> sheets) is parsed by the browser's own CSS
 * parser — the same one that will read it inside the message frame — and rewritten
 * from the parsed form. What the parser does not understand is dropped, so nothing
 * can hide from the URL check behind syntax only some parsers accept. Needs a DOM.
 */
import { escapeCssForHtml, isUncanonicalValue, rawValueMayLoad, replaceCssUrls } from './cssUrls.ts';

/** Decides one URL in a resource position: the URL to use, or null to refuse it. */
export type UrlDecision = (url: string) => string | null;

export interface CssOutcome {
  /** A color or background was declared: the mail paints its own page. */
  declaresColors: boolean;
}

const COLOR_PROPERTY = /^(?:color|background(?:-color|-image)?)$/;

/** Rewrites a declaration block in place; returns whether it declares colors. */
export function rewriteDeclarations(style: CSSStyleDeclaration, decide: UrlDecision): boolean {
  const names: string[] = [];
  for (let i = 0; i < style.length; i++) names.push(style.item(i));
  let declaresColors = false;
  for (const name of names) {
    const value = style.getPropertyValue(name);
    if (isUncanonicalValue(name, value)) {
      if (rawValueMayLoad(value)) style.removeProperty(name);
      continue;
    }
    const rewritten = replaceCssUrls(value, decide);
    if (rewritten === null) {
      style.removeProperty(name);
      continue;
    }
    if (rewritten !== value) style.setProperty(name, rewritten, style.getPropertyPriority(name));
    if (COLOR_PROPERTY.test(name) && value !== 'initial' && value !== 'transparent') declaresColors = true;
  }
  return declaresColors;
}

/** Inert document used only to parse sheets: it has no browsing context, so an
 * @import in it is parsed but never fetched. */
let parserDocument: Document | undefined;

function parseSheet(text: string): CSSStyleSheet | null {
  parserDocument ??= document.implementation.createHTMLDocument('');
  const element = parserDocument.createElement('style');
  element.textContent = text;
  parserDocument.head.append(element);
  const sheet = element.sheet;
  element.remove();
  return sheet;
}

/**
 * Rule kinds kept. Anything else (@property, @counter-style, @font-feature-values and
 * whatever Chromium adds next) goes: an unknown rule might carry a URL we do not
 * look at, e.g. a registered `<url>` custom property's initial value.
 */
function isKnownRule(rule: CSSRule): boolean {
  const kinds = [
    'CSSStyleRule',
    'CSSMediaRule',
    'CSSSupportsRule',
    'CSSFontFaceRule',
    'CSSKeyframesRule',
    'CSSKeyframeRule',
    'CSSLayerBlockRule',
    'CSSLayerStatementRule',
    'CSSContainerRule',
    'CSSPageRule',
    'CSSNamespaceRule',
    'CSSNestedDeclarations',
  ] as const;
  const scope = globalThis as unknown as Record<string, unknown>;
  return kinds.some((kind) => {
    const ctor = scope[kind];
    return typeof ctor === 'function' && rule instanceof (ctor as abstract new () => CSSRule);
  });
}

type RuleParent = { cssRules: CSSRuleList; deleteRule(index: number): void };

function rewriteRules(parent: RuleParent, decide: UrlDecision, allowImports: boolean, outcome: CssOutcome): void {
  for (let i = parent.cssRules.length - 1; i >= 0; i--) {
    const rule = parent.cssRules[i];
    if (!rule) continue;
    if (rule instanceof CSSImportRule) {
      // Decided (and so counted) even when imports are not allowed at all.
      const href = decide(rule.href);
      if (!allowImports || href === null || href !== rule.href) parent.deleteRule(i);
      continue;
    }
    if (!isKnownRule(rule)) {
      parent.deleteRule(i);
      continue;
    }
    if ('style' in rule && rule.style instanceof CSSStyleDeclaration) {
      if (rewriteDeclarations(rule.style, decide)) outcome.declaresColors = true;
    }
    // Grouping rules (@media, @supports, @layer, @container) and nested style rules
    // hold children; keyframes hold keyframe rules, which are only ever rewritten.
    if ((rule instanceof CSSGroupingRule || rule instanceof CSSStyleRule) && 'cssRules' in rule) {
      rewriteRules(rule as unknown as RuleParent, decide, false, outcome);
    } else if (rule instanceof CSSKeyframesRule) {
      for (const frame of Array.from(rule.cssRules)) {
        if (frame instanceof CSSKeyframeRule) rewriteDeclarations(frame.style, decide);
      }
    }
  }
}

/**
 * A sheet's text after parsing and URL rewriting. `@import` survives only when remote
 * content is allowed (`allowImports`) and the imported URL is allowed as is.
 */
export function rewriteStyleSheet(text: string, decide: UrlDecision, allowImports: boolean): { css: string } & CssOutcome {
  const outcome: CssOutcome = { declaresColors: false };
  const sheet = parseSheet(text);
  if (!sheet) return { css: '', ...outcome };
  rewriteRules(sheet, decide, allowImports, outcome);
  const parts: string[] = [];
  for (const rule of Array.from(sheet.cssRules)) parts.push(rule.cssText);
  return { css: escapeCssForHtml(parts.join('\n')), ...outcome };
}
