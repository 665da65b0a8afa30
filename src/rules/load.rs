//! Reading and checking a rules file.
