;;; checks.el --- What the batch tests of icp.el share: counting checks, waiting  -*- lexical-binding: t; -*-

;;; Code:

(defvar icp-test-passes 0)
(defvar icp-test-failures 0)

(defun icp-test-check (name ok &optional detail)
  "Record check NAME as passed when OK, else failed with DETAIL."
  (princ (format "%s %s%s\n" (if ok "ok  " "FAIL") name (if ok "" (format "  (%s)" detail))))
  (if ok (setq icp-test-passes (1+ icp-test-passes)) (setq icp-test-failures (1+ icp-test-failures))))

(defun icp-test-wait (predicate seconds)
  "Process input until PREDICATE holds or SECONDS pass; return its last value."
  (let ((deadline (+ (float-time) seconds)) (value nil))
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    value))

(defun icp-test-exit (label)
  "Print the tally under LABEL and end Emacs: 0 when every check passed, 1 otherwise."
  (princ (format "%s: %d passed, %d failed\n" label icp-test-passes icp-test-failures))
  (kill-emacs (if (zerop icp-test-failures) 0 1)))

(provide 'checks)
;;; checks.el ends here
