;;; run.el --- Headless end-to-end test of icp.el through Emacs's eglot  -*- lexical-binding: t; -*-

;; ICP_BINARY=.build/debug/icp emacs --batch -l editors/emacs/test/run.el FILE
;;
;; Opens FILE (an ICP on the built-in sample) with icp.el, which starts eglot on `icp lsp', and checks
;; what a user would see: the mode, diagnostics in flymake after a typo, hover, a quick fix,
;; and completion through eglot's completion-at-point. Prints one line per check and exits 0
;; when all pass, 1 otherwise.

;;; Code:

(require 'package)
(package-initialize)                    ; Debian's elpa-eglot lives in the system package folder
(require 'eglot)
(require 'flymake)
(add-to-list 'load-path (expand-file-name ".." (file-name-directory load-file-name)))
(require 'icp)

(load (expand-file-name "checks.el" (file-name-directory load-file-name)) nil t)

(defun icp-test-finish ()
  (ignore-errors (eglot-shutdown (eglot-current-server)))
  (icp-test-exit "emacs"))

(let* ((binary (or (getenv "ICP_BINARY") "icp"))
       (fixture (car command-line-args-left))
       (folder (make-temp-file "icp-eglot-" t))
       (file (expand-file-name (file-name-nondirectory fixture) folder)))
  ;; What a user sets: icp.el's own options; icp.el registers the server and starts eglot.
  (setq icp-program (expand-file-name binary)
        icp-lsp-client 'eglot)
  (setq eglot-sync-connect t)
  ;; A copy with a typo in the first `mode', in a folder with no workspace file: the built-in sample applies.
  (with-temp-file file
    (insert-file-contents fixture)
    (goto-char (point-min))
    (re-search-forward "mode: filter")
    (replace-match "mode: fitler"))
  (find-file file)
  (icp-test-check "icp-yaml-mode from the file name" (eq major-mode 'icp-yaml-mode) major-mode)
  ;; eglot-ensure (from icp.el's mode hook) connects after the first command, as in a session.
  (run-hooks 'post-command-hook)
  (icp-test-check "icp.el started eglot on icp lsp" (icp-test-wait (lambda () (eglot-current-server)) 30) "no server")
  (icp-test-check "and not lsp-mode too" (not (bound-and-true-p lsp-mode)) "lsp-mode is on as well")
  (unless (eglot-current-server) (icp-test-finish))
  (flymake-start)
  (let ((diagnostics (icp-test-wait (lambda () (flymake-start) (flymake-diagnostics)) 30)))
    (icp-test-check "flymake shows the typo as an error with a did-you-mean"
                    (cl-some (lambda (d) (and (memq (flymake-diagnostic-type d) '(:error eglot-error))
                                              (string-match-p "\\[schema\\].*did you mean `filter`" (flymake-diagnostic-text d))))
                             diagnostics)
                    (mapcar #'flymake-diagnostic-text diagnostics)))
  ;; Hover on the ICP code: a file with an error has no figures (architecture.md's gate); the
  ;; hover says so and where the error is.
  (goto-char (point-min))
  (re-search-forward "^icp: ")
  (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover (eglot--TextDocumentPositionParams)))
         (text (and hover (plist-get (plist-get hover :contents) :value))))
    (icp-test-check "hover on the code says why no records are counted yet"
                    (and text (string-match-p "^No records counted yet: this file has 1 error.*Line 13: .*not `fitler`" text)) text))
  ;; The quick fix for the typo, as `M-x eglot-code-actions' would list it.
  (goto-char (point-min))
  (re-search-forward "mode: fitler")
  (let* ((range (list :start (eglot--pos-to-lsp-position (- (point) (length "fitler")))
                      :end (eglot--pos-to-lsp-position (point))))
         (actions (jsonrpc-request (eglot--current-server-or-lose) :textDocument/codeAction
                                   (list :textDocument (eglot--TextDocumentIdentifier) :range range
                                         :context (list :diagnostics []))))
         (titles (mapcar (lambda (action) (plist-get action :title)) actions)))
    (icp-test-check "a quick fix replaces the typo" (member "Replace `fitler` with `filter`" titles) titles))
  ;; Completion of `mode' values through eglot's completion-at-point.
  (goto-char (point-min))
  (re-search-forward "mode: fitler")
  (delete-region (- (point) (length "fitler")) (point))
  (let* ((capf (eglot-completion-at-point))
         (candidates (and capf (all-completions "" (nth 2 capf)))))
    (icp-test-check "completion offers filter, score and exclude"
                    (and (member "filter" candidates) (member "score" candidates) (member "exclude" candidates))
                    candidates))
  ;; Fields from the data, with their types.
  (goto-char (point-min))
  (re-search-forward "- field: ")
  (let* ((end (line-end-position))
         (typed (buffer-substring (point) end)))
    (delete-region (point) end)
    (let* ((capf (eglot-completion-at-point))
           (candidates (and capf (all-completions "" (nth 2 capf)))))
      (icp-test-check "completion offers the dataset's columns" (member "employees" candidates) (seq-take candidates 5)))
    (insert typed))
  ;; Formatting through `eglot-format-buffer': an inline parameter, keys out of order, comes back
  ;; as the block `icp fmt' writes.
  (goto-char (point-min))
  (re-search-forward "^    mode: $")
  (insert "filter")
  (goto-char (point-min))
  (re-search-forward "^  - field: region\n    mode: filter\n    in: \\[EMEA, North America\\]$")
  (replace-match "  - {in: [EMEA, \"North America\"], mode: filter, field: region}" t t)
  (eglot-format-buffer)
  (icp-test-check "formatting lays an inline parameter out as icp fmt does"
                  (string-match-p "^  - field: region\n    mode: filter\n    in: \\[EMEA, North America\\]$" (buffer-string))
                  (buffer-substring-no-properties (point-min) (min (point-max) 600)))
  ;; Rename a column through `eglot-rename', as `M-x eglot-rename' does.
  (goto-char (point-min))
  (re-search-forward "- field: is_customer")
  (backward-char 3)
  ;; eglot sends the formatting's edits after 0.5 s idle, which a batch run never is: send them now.
  (eglot--signal-textDocument/didChange)
  (eglot-rename "customer_flag")
  (icp-test-check "rename changes the column under the cursor"
                  (and (string-match-p "- field: customer_flag$" (buffer-string)) (not (string-match-p "is_customer" (buffer-string))))
                  (buffer-substring-no-properties (point-min) (min (point-max) 600)))
  (icp-test-check "C-M-i completes from the server, not ispell"
                  (eq (key-binding (kbd "C-M-i")) 'completion-at-point) (key-binding (kbd "C-M-i")))
  ;; `M-x icp-accounts': eglot returns the command's markdown, which icp.el shows.
  (let ((shown (icp-accounts "misses")))
    (icp-test-check "M-x icp-accounts shows the nearest misses"
                    (and (bufferp shown) (with-current-buffer shown (string-match-p "miss midmarket-saas by one" (buffer-string))))
                    (and (bufferp shown) (with-current-buffer shown (buffer-substring-no-properties (point-min) (min (point-max) 300))))))
  (icp-test-finish))

;;; run.el ends here
