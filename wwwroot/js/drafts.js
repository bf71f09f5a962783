// Community: drafts of Markdown text boxes, kept in the browser's localStorage.
//
// Works on any <textarea data-draft-key="KEY"> (or <input data-draft-key="KEY">), with or without a Blazor circuit:
// - typing saves the text under KEY (at most every SAVE_INTERVAL_MS, and when the page is hidden or left);
// - on page load, after Blazor's enhanced navigation, and whenever such a textarea is (re)inserted — as when a circuit
//   starts and replaces the prerendered markup, or re-renders after a dropped connection — a saved draft is put back
//   if the textarea is empty or still holds the text the server rendered, with a "Draft restored" note and a
//   "Discard draft" button (inside the textarea's [data-draft-status-for="ID"] element, or else right after it);
// - submitting the textarea's form deletes the draft, and so does any element rendered with data-draft-clear="KEY ..."
//   (for the page shown after a successful post).
// Events are delegated to the document, so textareas that Blazor replaces are still followed.
// A textarea with data-count-target="ID" also gets its counter (element ID) updated here: that is for static
// rendering, where no circuit updates it.
(() => {
    'use strict';
    if (window.communityDrafts) return;

    const SELECTOR = 'textarea[data-draft-key], input[data-draft-key]';
    const SAVE_INTERVAL_MS = 500;
    const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

    const storage = (() => {
        try {
            const s = window.localStorage;
            const probe = '__community_draft_probe__';
            s.setItem(probe, probe);
            s.removeItem(probe);
            return s;
        } catch {
            return null; // disabled, or private mode without storage: no drafts, everything else still works
        }
    })();

    function read(key) {
        if (!storage) return null;
        try {
            const raw = storage.getItem(key);
            if (!raw) return null;
            const draft = JSON.parse(raw);
            if (!draft || typeof draft.text !== 'string' || typeof draft.savedAt !== 'number') return null;
            if (Date.now() - draft.savedAt > MAX_AGE_MS) {
                storage.removeItem(key);
                return null;
            }
            return draft;
        } catch {
            return null;
        }
    }

    function write(key, text) {
        if (!storage) return;
        try {
            storage.setItem(key, JSON.stringify({ text, savedAt: Date.now() }));
        } catch {
            // Quota exceeded: keep the page working; the draft is simply not saved.
        }
    }

    function forget(key) {
        if (!storage) return;
        try {
            storage.removeItem(key);
        } catch {
            // ignore
        }
    }

    function remove(key) {
        pending.delete(key);
        forget(key);
    }

    // The text each textarea started with: what the server rendered. Blazor sets an interactive textarea's value as a
    // property (its defaultValue is empty), so a textarea that replaces one with the same key inherits its initial text.
    const initialByElement = new WeakMap();
    let initialByKey = new Map();

    function initialOf(textarea) {
        let initial = initialByElement.get(textarea);
        if (initial === undefined) {
            const key = textarea.dataset.draftKey;
            initial = initialByKey.get(key);
            if (initial === undefined) {
                initial = textarea.defaultValue;
                initialByKey.set(key, initial);
            }
            initialByElement.set(textarea, initial);
        }
        return initial;
    }

    // Saving, throttled: the latest text of each changed textarea is written at most every SAVE_INTERVAL_MS.
    const pending = new Map(); // key -> textarea
    let saveTimer = 0;

    function scheduleSave(textarea) {
        pending.set(textarea.dataset.draftKey, textarea);
        if (!saveTimer) saveTimer = setTimeout(flush, SAVE_INTERVAL_MS);
    }

    function flush() {
        clearTimeout(saveTimer);
        saveTimer = 0;
        for (const [key, textarea] of pending) {
            const text = textarea.value;
            if (text.trim() === '' || text === initialOf(textarea)) {
                forget(key); // nothing worth keeping
            } else {
                write(key, text);
            }
        }
        pending.clear();
    }

    // Keys typed into on this page: putting such a draft back (after Blazor replaced the textarea) needs no note.
    const typedHere = new Set();

    function updateCounter(textarea) {
        const id = textarea.dataset.countTarget;
        const counter = id && document.getElementById(id);
        if (!counter) return;
        const length = textarea.value.length;
        const max = textarea.maxLength;
        const min = textarea.minLength;
        counter.textContent = max >= 0
            ? `${length.toLocaleString('en-US')} / ${max.toLocaleString('en-US')}`
            : length.toLocaleString('en-US');
        counter.classList.toggle('is-over', max >= 0 && length > max);
        counter.classList.toggle('is-under', min > 0 && length < min);
    }

    const isDraftField = element =>
        (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) && element.matches(SELECTOR);

    document.addEventListener('input', event => {
        const textarea = event.target;
        if (!isDraftField(textarea)) return;
        initialOf(textarea);
        if (event.isTrusted) typedHere.add(textarea.dataset.draftKey);
        scheduleSave(textarea);
        updateCounter(textarea);
    });

    // Put the text in and tell whoever listens (Blazor's binding, the counter) as if it had been typed.
    function setText(textarea, text) {
        textarea.value = text;
        textarea.dispatchEvent(new Event('input', { bubbles: true }));
    }

    const restored = new WeakSet();

    function restore(textarea) {
        if (restored.has(textarea)) return;
        restored.add(textarea);
        const key = textarea.dataset.draftKey;
        if (!key || !storage) return;
        const initial = initialOf(textarea);
        if (textarea.value !== '' && textarea.value !== initial) return; // something else is there already
        flush(); // a textarea this one replaces may have unsaved text
        const draft = read(key);
        if (!draft || draft.text === textarea.value) return;
        setText(textarea, draft.text);
        if (!typedHere.has(key)) showNote(textarea, key);
    }

    function showNote(textarea, key) {
        const note = document.createElement('p');
        note.className = 'draft-note form-text';
        note.setAttribute('role', 'status');
        note.append('Draft restored.');
        const discard = document.createElement('button');
        discard.type = 'button';
        discard.className = 'draft-discard btn btn-link btn-sm p-0 align-baseline';
        discard.textContent = 'Discard draft';
        note.append(' ', discard);

        const host = textarea.id
            ? document.querySelector(`[data-draft-status-for="${CSS.escape(textarea.id)}"]`)
            : null;
        if (host) {
            host.replaceChildren(note);
        } else {
            const previous = textarea.nextElementSibling;
            if (previous && previous.classList.contains('draft-note')) previous.remove();
            textarea.insertAdjacentElement('afterend', note);
        }

        discard.addEventListener('click', () => {
            // The textarea may have been replaced since (a re-render): find the current one.
            const current = textarea.isConnected
                ? textarea
                : document.querySelector(`:is(${SELECTOR})[data-draft-key="${CSS.escape(key)}"]`);
            remove(key);
            note.remove();
            if (current) {
                setText(current, initialOf(current));
                remove(key);
                current.focus();
            }
        });
    }

    function clearDraftsOf(form) {
        for (const element of form.elements) {
            if (isDraftField(element)) remove(element.dataset.draftKey);
        }
    }

    // The form is on its way: the draft has done its job. (If the post fails, the text is still in the textarea, and
    // typing again saves it again.)
    document.addEventListener('submit', event => {
        if (event.target instanceof HTMLFormElement) clearDraftsOf(event.target);
    });

    function processClears() {
        for (const element of document.querySelectorAll('[data-draft-clear]')) {
            for (const key of element.getAttribute('data-draft-clear').split(/\s+/)) {
                if (key) remove(key);
            }
            element.removeAttribute('data-draft-clear'); // once per server response
        }
    }

    function scan(root) {
        const textareas = root.matches?.(SELECTOR) ? [root] : Array.from(root.querySelectorAll?.(SELECTOR) ?? []);
        for (const textarea of textareas) {
            initialOf(textarea);
            updateCounter(textarea);
            restore(textarea);
        }
    }

    function scanDocument() {
        processClears();
        scan(document);
    }

    // Textareas inserted later: a circuit replacing the prerendered markup, a re-render after reconnecting or resuming.
    new MutationObserver(records => {
        let cleared = false;
        for (const record of records) {
            for (const node of record.addedNodes) {
                if (node.nodeType !== Node.ELEMENT_NODE) continue;
                if (!node.matches(SELECTOR) && !node.querySelector(SELECTOR)) continue;
                if (!cleared) {
                    processClears();
                    cleared = true;
                }
                scan(node);
            }
        }
    }).observe(document.documentElement, { childList: true, subtree: true });

    // Leaving or hiding the page: save what the throttle has not written yet.
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') flush();
    });

    let listeningToBlazor = false;
    function listenToBlazor() {
        if (listeningToBlazor || !window.Blazor || typeof window.Blazor.addEventListener !== 'function') return;
        listeningToBlazor = true;
        window.Blazor.addEventListener('enhancedload', () => {
            flush();
            initialByKey = new Map(); // a new page: its textareas start from what it rendered
            scanDocument();
        });
    }

    function start() {
        listenToBlazor();
        scanDocument();
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start, { once: true });
    } else {
        start();
    }
    // In case blazor.web.js comes after this script.
    window.addEventListener('load', listenToBlazor, { once: true });

    window.communityDrafts = Object.freeze({
        flush,
        discard: remove,
        restoreAll: scanDocument,
    });
})();
