// Survey pages. The QR code in a letter links to /svar#CODE: the code is in the fragment, which the
// browser never sends, so it reaches no server log. Here it is moved into the form and sent in the
// body. Also stops a double click from sending the answers twice (the server refuses the second
// anyway, but the respondent should see the thank-you page, not the refusal).
(() => {
  const code = document.getElementById('kode');
  const fromLink = decodeURIComponent(location.hash.slice(1)).trim();
  if (code && fromLink) {
    history.replaceState(null, '', location.pathname);
    code.value = fromLink;
    if (!document.querySelector('input[name=mode]')) code.form.requestSubmit();
  }
  for (const form of document.querySelectorAll('form.survey-form, form.survey-code')) {
    let sent = false;
    form.addEventListener('submit', (event) => {
      if (sent) event.preventDefault();
      sent = true;
      form.setAttribute('aria-busy', 'true');
    });
  }
})();
