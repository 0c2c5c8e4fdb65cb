package domain

import (
	"errors"

	"github.com/vigil-org/vigil/pkg/model"
)

// Validate checks a reference to an item a report can link to: a denial
// notice or a procurement report with a well-formed id. Paths are relative
// to the reference.
func (ref ItemRef) Validate() error {
	var errs []error
	if !ref.Kind.Valid() {
		errs = append(errs, model.Invalid("kind", "must be a denial notice or a procurement report"))
	}
	return errors.Join(append(errs, model.CheckID("id", ref.ID))...)
}

// CheckLink decides everything about a link from report r to "to" by
// actor that needs no knowledge of the other item: the actor must see the
// report (else ErrNotFound) and be a member delegation, the report must be
// active, the reference and comment well formed, and not the report
// itself. The app calls it before asking whether the actor can see the
// other item.
func CheckLink(r *Procurement, actor Actor, to ItemRef, comment string) error {
	if err := mustSee(r, actor); err != nil {
		return err
	}
	if actor.Agency != "" {
		return ErrAgencyNotAllowed
	}
	if r.Status != StatusActive {
		return ErrWithdrawn
	}
	errs := []error{model.Prefix("to", to.Validate()), checkComment("comment", comment)}
	if to == (ItemRef{Kind: KindProcurement, ID: r.ID}) {
		errs = append(errs, model.Invalid("to", "a report cannot be linked to itself"))
	}
	return errors.Join(errs...)
}

// Link decides a link from report r to the item "to" by actor, any member
// that can see both. targetVisible says whether actor can see the other
// item (the app asks its item index): if not, ErrTargetNotFound. A second
// link to the same item is ErrAlreadyLinked.
func Link(r *Procurement, actor Actor, to ItemRef, comment string, targetVisible bool) ([]Event, error) {
	if err := CheckLink(r, actor, to, comment); err != nil {
		return nil, err
	}
	if !targetVisible {
		return nil, ErrTargetNotFound
	}
	if r.LinkedTo(to) {
		return nil, ErrAlreadyLinked
	}
	return []Event{Linked{To: to, By: actor.Member, Comment: comment}}, nil
}
