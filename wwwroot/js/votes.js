// Community: votes without a page load.
//
// Each vote arrow is a <form data-vote="up|down"> inside a .vote-buttons panel, posting to /posts/{id}/vote: without
// JavaScript the post redirects back to the page with a message. Here the same form (with its antiforgery token) is
// sent with fetch, asking for JSON, and the panel is updated from the reply: the score, which arrow is pressed, and
// what each arrow sends next. A panel sends one vote at a time, and ignores a double click's second click, so a double
// click makes one vote. A reply that is not JSON (a sign-in page after the session ended) falls back to posting the form
// the ordinary way.
(() => {
    'use strict';
    if (window.communityVotes) return;
    window.communityVotes = true;

    // The second click of a double click (its detail is 2) is not a second vote, however fast the first was answered:
    // otherwise a reply that came between the two clicks turned the arrow's vote off and on again.
    document.addEventListener('click', event => {
        if (event.detail > 1 && event.target instanceof Element && event.target.closest('form[data-vote] button')) event.preventDefault();
    }, true);

    document.addEventListener('submit', async event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.matches('form[data-vote]') || !window.fetch) return;
        const panel = form.closest('.vote-buttons');
        if (!panel) return;
        event.preventDefault();
        if (panel.dataset.sending === 'true') return;
        panel.dataset.sending = 'true';
        const buttons = [...panel.querySelectorAll('form[data-vote] button')];
        const wasDisabled = buttons.map(button => button.disabled);
        buttons.forEach(button => { button.disabled = true; });
        try {
            const response = await fetch(form.action, {
                method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { Accept: 'application/json' },
            });
            if (response.status === 429) {
                showError(panel, 'You are voting faster than the forum allows: wait a moment and try again.');
                return;
            }
            if (!(response.headers.get('content-type') || '').includes('application/json')) {
                HTMLFormElement.prototype.submit.call(form);
                return;
            }
            const reply = await response.json();
            if (reply.ok) show(panel, reply.score, reply.myVote);
            showError(panel, reply.ok ? null : reply.message);
        } catch {
            showError(panel, 'Your vote was not sent: check your connection and try again.');
        } finally {
            buttons.forEach((button, i) => { button.disabled = wasDisabled[i]; });
            delete panel.dataset.sending;
        }
    });

    function show(panel, score, myVote) {
        const scoreElement = panel.querySelector('.score');
        scoreElement.textContent = String(score);
        scoreElement.setAttribute('aria-label', `Score ${score}`);
        for (const form of panel.querySelectorAll('form[data-vote]')) {
            const direction = form.dataset.vote === 'up' ? 1 : -1;
            const pressed = myVote === direction;
            form.querySelector('input[name="value"]').value = String(pressed ? 0 : direction);
            const button = form.querySelector('button');
            button.classList.toggle('on', pressed);
            button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
        }
    }

    function showError(panel, message) {
        let error = panel.querySelector('.vote-error');
        if (!message) {
            error?.remove();
            return;
        }
        if (!error) {
            error = document.createElement('span');
            error.className = 'vote-error';
            error.setAttribute('role', 'alert');
            panel.append(error);
        }
        error.textContent = message;
    }
})();
