/// The one stylesheet and one script every page uses, served by eligo itself (no CDN).
/// The styles follow the GOV.UK Design System's look; the script only enhances:
/// every page works without it.
enum Assets {
    static let css = #"""
        *,*::before,*::after{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%}
        body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.32;color:#0b0c0c;background:#fff}
        a{color:#1d70b8}a:visited{color:#4c2c92}a:hover{color:#003078}
        a:focus,button:focus,input:focus,textarea:focus,summary:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
        a:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;text-decoration:none;outline:none}
        .skip-link{position:absolute;left:-9999px}.skip-link:focus{position:static;display:block;padding:10px 15px;background:#ffdd00}
        .visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
        .width-container{max-width:960px;margin:0 15px}
        @media (min-width:40.0625em){.width-container{margin:0 30px}}
        @media (min-width:1020px){.width-container{margin:0 auto}}
        .width-container.wide{max-width:1200px}
        .header{background:#0b0c0c;color:#fff;border-bottom:10px solid #1d70b8;padding:10px 0}
        .header .width-container{display:flex;flex-wrap:wrap;align-items:baseline;gap:10px 30px}
        .header-service{color:#fff;font-weight:700;font-size:1.1em;text-decoration:none}.header-service:visited{color:#fff}
        .header-nav{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 20px}
        .header-nav a,.header-nav a:visited{color:#fff}
        .main{padding:30px 0 40px;min-width:0}
        .with-panel{display:block}
        @media (min-width:64em){.with-panel{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:30px;align-items:start}}
        .heading-xl{font-size:2rem;line-height:1.1;margin:0 0 30px}
        @media (min-width:40.0625em){.heading-xl{font-size:2.5rem}}
        .heading-m,.fieldset-heading{font-size:1.3rem;margin:30px 0 15px}.heading-s{font-size:1.1rem;margin:0 0 10px}
        .lead{font-size:1.15rem;margin:0 0 30px}
        .fieldset{border:0;margin:0 0 20px;padding:0;min-width:0}
        .legend{font-weight:700;margin-bottom:10px;padding:0}
        .legend-l .fieldset-heading{margin:20px 0 10px}.legend-s{font-weight:700}
        .form-group{margin-bottom:25px}
        .form-group-error{border-left:5px solid #d4351c;padding-left:15px}
        .label{display:block;font-weight:700;margin-bottom:5px}
        .hint{color:#505a5f;margin-bottom:10px}
        .input,.textarea{font:inherit;width:100%;max-width:30em;padding:5px;border:2px solid #0b0c0c;border-radius:0;height:40px}
        .textarea{height:auto;min-height:80px}
        .input.error,.textarea.error{border-color:#d4351c}
        .input-short{max-width:8em}
        .date-input{display:flex;flex-wrap:wrap;gap:0 20px}.date-item{margin-bottom:5px}.date-label{font-weight:400}
        .width-2{width:3.5em}.width-4{width:5.5em}
        .radios-inline{display:flex;flex-wrap:wrap;gap:0 20px}
        .radio{display:flex;align-items:center;margin-bottom:10px;min-height:40px}
        .radio-input{width:32px;height:32px;margin:0 10px 0 0;flex:none;accent-color:#0b0c0c}
        .radio-label{font-weight:400;margin:0}
        .error-message{color:#d4351c;font-weight:700;margin:0 0 10px}
        .error-summary{border:5px solid #d4351c;padding:20px;margin-bottom:30px}
        .error-summary:focus{outline:3px solid #ffdd00}
        .error-summary-title{font-size:1.3rem;margin:0 0 15px}
        .error-summary-list{margin:0;padding:0;list-style:none}.error-summary-list li{margin-bottom:5px}
        .error-summary-list a{color:#d4351c;font-weight:700}
        .button{font:inherit;display:inline-block;padding:8px 12px 7px;border:2px solid transparent;border-radius:0;color:#fff;background:#00703c;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;margin:0 15px 20px 0;line-height:1.2}
        .button:visited,.button:hover{color:#fff}.button:hover{background:#005a30}
        .button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}.button.secondary:hover{background:#dbdad9}
        .button.small{font-size:16px;padding:5px 10px}
        .button.start{font-size:1.2rem;font-weight:700;padding:12px 20px}
        .button-group{display:flex;flex-wrap:wrap;align-items:center;margin-top:10px}
        .repeat{border-top:1px solid #b1b4b6;margin:20px 0}
        .repeat-item{border-left:4px solid #b1b4b6;padding-left:15px;margin:15px 0 20px}
        .details{margin:30px 0}.details summary{color:#1d70b8;cursor:pointer;text-decoration:underline}
        .details form{border-left:5px solid #b1b4b6;padding:15px 0 0 15px}
        .file-upload{font:inherit;max-width:100%}
        .live-panel{border-top:5px solid #1d70b8;background:#f3f2f1;padding:15px;margin:30px 0}
        @media (min-width:64em){.live-panel{position:sticky;top:15px;max-height:calc(100vh - 30px);overflow:auto}}
        .live-decision{font-weight:700}
        .criteria-list,.result-list{list-style:none;margin:0;padding:0}
        .criterion{padding:8px 0;border-bottom:1px solid #b1b4b6;font-size:16px}
        .criterion-id{font-weight:700}.criterion-text{display:block;margin-top:4px}
        .tag{display:inline-block;font-size:14px;font-weight:700;padding:2px 6px;text-transform:uppercase;letter-spacing:.5px}
        .tag-pass{background:#cce2d8;color:#005a30}.tag-fail,.tag-error{background:#f4cdc6;color:#942514}
        .tag-unknown{background:#fff7bf;color:#594d00}.tag-not_applicable{background:#e8f1f8;color:#0c2d4a}
        .panel{padding:25px;margin-bottom:30px;text-align:center;color:#fff;background:#00703c}
        .panel-fail,.panel-invalid{background:#942514}.panel-unknown{background:#505a5f}
        .panel-title{font-size:2.2rem;margin:0 0 10px}.panel-body{font-size:1.2rem}
        .result{border-bottom:1px solid #b1b4b6;padding:15px 0}
        .result p{margin:5px 0}.based-on,.citation,.meta{color:#505a5f;font-size:16px}
        .passes-from{font-weight:400}
        .summary-list{margin:0 0 20px}
        .summary-row{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:10px 0}
        .summary-key{font-weight:700;flex:1 1 15em;margin:0 20px 5px 0}.summary-value{flex:2 1 15em;margin:0;overflow-wrap:anywhere}
        .list{padding-left:20px}
        .footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:20px 0;font-size:16px;margin-top:40px}
        code{font-size:.9em;overflow-wrap:anywhere}
        @media print{
          .header,.footer,.no-print,.skip-link,.live-panel,.button{display:none!important}
          body{font-size:12pt;color:#000}.panel{border:3px solid #000;color:#000;background:none}
          .tag{border:1px solid #000;background:none;color:#000}
          a{color:#000}.result{break-inside:avoid}.width-container{max-width:none;margin:0}
        }
        """#

    /// Updates the criteria panel as the form is filled in (the same HTML the server renders),
    /// and moves focus to the error summary when there is one.
    static let js = #"""
        (function () {
          var summary = document.getElementById('error-summary');
          if (summary) { summary.focus(); }
          var form = document.getElementById('self-check');
          var body = document.getElementById('live-body');
          if (!form || !body || !window.fetch) { return; }
          var timer = null, sent = 0;
          function refresh() {
            var n = ++sent;
            var data = new URLSearchParams(new FormData(form));
            fetch(form.getAttribute('data-live'), { method: 'POST', body: data,
              headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
              .then(function (r) { return r.ok ? r.text() : null; })
              .then(function (html) { if (html !== null && n === sent) { body.innerHTML = html; } })
              .catch(function () {});
          }
          function later() { clearTimeout(timer); timer = setTimeout(refresh, 250); }
          form.addEventListener('input', later);
          form.addEventListener('change', later);
          document.documentElement.className += ' js-enabled';
        })();
        """#
}
