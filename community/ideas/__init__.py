"""The idea portal: members submit, support, comment on and follow ideas; the secretariat moderates."""
