/** The page's only stylesheet, inline: GitHub's light look in a few rules, system fonts, nothing fetched. */
export const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
.container{max-width:1280px;margin:0 auto;padding:0 24px}
.app-header{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:16px 0 0}
.repo-name{font-size:20px}.repo-name .owner{color:#0969da}.repo-name strong{color:#0969da}
.visibility{display:inline-block;margin-left:8px;padding:0 7px;border:1px solid #d1d9e0;border-radius:2em;font-size:12px;font-weight:500;color:#59636e;vertical-align:middle}
.tabs{display:flex;gap:8px;margin-top:12px}
.tabs a{padding:8px 12px;color:#1f2328;border-bottom:2px solid transparent}
.tabs a.selected{border-bottom-color:#fd8c73;font-weight:600}
.counter{display:inline-block;min-width:20px;padding:0 6px;margin-left:4px;border-radius:2em;background:#d1d9e0b3;font-size:12px;text-align:center}
.caption{color:#59636e;margin:16px 0}
.box{border:1px solid #d1d9e0;border-radius:6px;margin:16px 0;background:#fff}
.box-header{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:12px 16px;border-radius:6px 6px 0 0;font-weight:600}
.box-row{padding:10px 16px;border-top:1px solid #d1d9e0;display:flex;gap:10px;align-items:flex-start}
.box-header+.box-row{border-top:0}
.row-title{font-weight:600;font-size:16px;color:#1f2328}
.row-meta{color:#59636e;font-size:12px}
.state-icon{width:16px;height:16px;flex:none;margin-top:4px;border-radius:50%;border:2px solid}
.state-icon.open{border-color:#1a7f37}.state-icon.closed{border-color:#8250df}.state-icon.merged{border-color:#8250df;background:#8250df}
.label{display:inline-block;padding:0 7px;margin:0 2px;border-radius:2em;font-size:12px;font-weight:500;line-height:18px;border:1px solid #0969da33;background:#ddf4ff;color:#0550ae}
.conversation{padding:24px 0;border-top:1px solid #d1d9e0;margin-top:24px}
.conversation h2.title{font-size:32px;font-weight:400;margin:0 0 8px;line-height:1.25}
.conversation h2.title .number{color:#59636e;font-weight:300}
.header-meta{display:flex;gap:8px;align-items:center;color:#59636e;padding-bottom:16px;border-bottom:1px solid #d1d9e0;margin-bottom:16px}
.state{display:inline-block;padding:5px 12px;border-radius:2em;color:#fff;font-weight:500}
.state.open{background:#1f883d}.state.closed{background:#8250df}.state.merged{background:#8250df}
.layout{display:flex;gap:24px;align-items:flex-start}
.timeline{flex:1;min-width:0}
.sidebar{width:240px;flex:none;font-size:12px}
.sidebar h3{font-size:12px;color:#59636e;margin:0 0 6px;font-weight:600}
.sidebar section{padding-bottom:16px;margin-bottom:16px;border-bottom:1px solid #d1d9e0}
.comment{display:flex;gap:12px;margin-bottom:16px}
.avatar{width:40px;height:40px;flex:none;border-radius:50%;color:#fff;font-weight:600;font-size:18px;display:flex;align-items:center;justify-content:center}
.avatar.small{width:20px;height:20px;font-size:11px;display:inline-flex;vertical-align:middle;margin-right:4px}
.avatar-0{background:#0969da}.avatar-1{background:#1a7f37}.avatar-2{background:#bf8700}.avatar-3{background:#cf222e}.avatar-4{background:#8250df}.avatar-5{background:#1b7c83}.avatar-6{background:#bc4c00}.avatar-7{background:#57606a}
.comment .box{flex:1;min-width:0;margin:0}
.comment .box-header{font-weight:400;color:#59636e;padding:8px 16px}
.comment .box-header b{color:#1f2328}
.bot{display:inline-block;padding:0 5px;border:1px solid #d1d9e0;border-radius:2em;font-size:11px;margin-left:4px}
.markdown-body{padding:16px;overflow-wrap:anywhere}
.markdown-body>:first-child{margin-top:0}.markdown-body>:last-child{margin-bottom:0}
.markdown-body h1,.markdown-body h2{padding-bottom:.3em;border-bottom:1px solid #d1d9e0b3}
.markdown-body h1{font-size:2em}.markdown-body h2{font-size:1.5em}.markdown-body h3{font-size:1.25em}
.markdown-body h1,.markdown-body h2,.markdown-body h3,.markdown-body h4{margin:24px 0 16px;font-weight:600;line-height:1.25}
.markdown-body p,.markdown-body ul,.markdown-body ol,.markdown-body table,.markdown-body blockquote,.markdown-body pre,.markdown-body details,.markdown-body figure{margin:0 0 16px}
.markdown-body ul,.markdown-body ol{padding-left:2em}
.markdown-body li:has(>input[type=checkbox]){list-style:none;margin-left:-1.4em}
.markdown-body table{border-collapse:collapse;display:block;width:max-content;max-width:100%;overflow:auto}
.markdown-body th,.markdown-body td{border:1px solid #d1d9e0;padding:6px 13px;vertical-align:top}
.markdown-body th{font-weight:600;white-space:nowrap}
.markdown-body tr:nth-child(2n){background:#f6f8fa}
.markdown-body blockquote{padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0;margin-left:0}
.markdown-body code{padding:.2em .4em;font-size:85%;background:#818b981f;border-radius:6px;font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,monospace}
.markdown-body pre{padding:16px;background:#f6f8fa;border-radius:6px;overflow:auto}
.markdown-body pre code{padding:0;background:none}
.markdown-body summary{cursor:pointer}
.markdown-body sub{font-size:75%}
.mention{font-weight:600;color:#1f2328}
.image-alt{font-style:italic;color:#59636e}
figure.chart{margin:0 0 16px}
svg.chart{width:100%;max-width:640px;height:auto;display:block;font-family:inherit}
svg.chart .chart-title{font-size:16px;font-weight:600;fill:#1f2328}
svg.chart .tick,svg.chart .legend{font-size:11px;fill:#59636e}
svg.chart .legend{font-size:13px;fill:#1f2328}
svg.chart .axis-title{font-size:12px;fill:#59636e}
svg.chart .grid{stroke:#d1d9e0;stroke-width:1}
svg.chart .axis{stroke:#59636e;stroke-width:1}
.chart-unrendered figcaption{color:#9a6700;margin-bottom:8px}
.reactions{display:flex;gap:6px;padding:0 16px 12px}
.reaction{border:1px solid #d1d9e0;border-radius:2em;padding:0 8px;font-size:12px;background:#f6f8fa}
.event{margin:0 0 16px 52px;color:#59636e}
.review-state{font-weight:600}.review-state.approved{color:#1a7f37}.review-state.changes_requested{color:#cf222e}
.check{display:flex;gap:8px;align-items:baseline}
.check-mark{font-weight:700;width:16px;text-align:center}
.check-mark.success{color:#1a7f37}.check-mark.failure,.check-mark.timed_out,.check-mark.action_required{color:#cf222e}.check-mark.pending{color:#9a6700}.check-mark.neutral,.check-mark.skipped,.check-mark.cancelled{color:#59636e}
.box-row.check-run{display:block}
.file-header{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-weight:400}
.file-status{color:#59636e;font-size:12px;margin-left:8px}
.empty{color:#59636e;padding:16px}
.back{font-size:12px}
/* An issue or pull request opened from the index shows alone, as its own GitHub page would (no script). */
body:has(.conversation:target) main>:not(.conversation:target){display:none}
.conversation:target{border-top:0;margin-top:0;scroll-margin-top:160px}
@media (max-width:768px){.layout{flex-direction:column}.sidebar{width:100%}}
`;
