"""File › Calibrate from CRM Export…: pick an export, check the CRM-stage → shape mapping in a
dialog, apply the measured figures as one undo step; then the overlay shows planned → measured,
ghost arrows the transitions the drawing lacks, and the Problems panel what the data found."""
